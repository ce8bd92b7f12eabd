import { Alert } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';
import type { LocalizedText } from '../../domain/catalogue.js';
import { usePage, useHref, useText } from '../context.js';
import { ErrorSummary, Notice } from '../forms.js';

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

/**
 * What an upload page says above its preview: how many rows the last step applied, why the file was refused (linked
 * to the file field `fileId`), and that the data changed since the preview (`changed`).
 */
export function UploadOutcome({ applied, error, fileId, changed }: { applied: string | undefined; error: string | undefined; fileId: string; changed: string | undefined }) {
  return (
    <>
      <Notice text={applied} />
      <ErrorSummary errors={error ? [{ field: 'file', message: error }] : []} fieldId={() => fileId} />
      {changed ? (
        <Alert data-color="warning" role="alert">
          {changed}
        </Alert>
      ) : null}
    </>
  );
}

/** What an upload page is given: the provider, a refusal, the preview with its file, and the outcome of the last step. */
export interface UploadPageProps<Preview> {
  provider: { slug: string; name: LocalizedText };
  error?: string | undefined;
  preview?: Preview | undefined;
  file?: { bytes: Buffer; name: string | null } | undefined;
  changed?: boolean | undefined;
  applied?: number | undefined;
}

/** What an upload page's markup uses: the messages, the text picker, the link maker and its forms' address (`step` under the provider). */
export function useUploadPage(provider: { slug: string }, step: string) {
  const { t } = usePage();
  const href = useHref();
  const text = useText();
  return { t, href, text, action: href(`/leverandorer/${provider.slug}/${step}`) };
}
