import type { ReactNode } from 'react';
import { usePage } from '../context.js';

/** A multipart form for one step of an upload: the CSRF token, the `hidden` fields in order, then the step's own fields. */
export function UploadForm({ action, hidden, className, children }: { action: string; hidden: [name: string, value: string][]; className?: string; children: ReactNode }) {
  const { csrfToken } = usePage();
  return (
    <form method="post" action={action} encType="multipart/form-data" className={className}>
      {csrfToken ? <input type="hidden" name="_csrf" value={csrfToken} /> : null}
      {hidden.map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
    </form>
  );
}
