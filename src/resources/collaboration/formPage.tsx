import { Button } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';
import { PageHeader } from '../../web/components.js';
import { type Errors, ErrorSummary, PostForm } from '../../web/forms.js';
import { Layout } from '../../web/layout.js';
import { CollabBreadcrumbs } from './components.js';

/**
 * The frame of a collaboration form page (new idea, need, network, survey; edit need or network): a narrow
 * column with the heading, the error summary when the post came back with errors, and one POST form that ends in
 * its submit button.
 */
export function CollabFormPage({
  title,
  lead,
  crumbs,
  errors,
  action,
  submit,
  children,
}: {
  title: string;
  lead: string;
  crumbs: { label: string; href?: string }[];
  errors: Errors;
  action: string;
  submit: string;
  children: ReactNode;
}) {
  return (
    <Layout title={title} section="collaboration">
      <CollabBreadcrumbs items={crumbs} />
      <div className="page-narrow">
        <PageHeader title={title} lead={lead} />
        <ErrorSummary errors={errors} />
        <PostForm action={action}>
          {children}
          <Button type="submit">{submit}</Button>
        </PostForm>
      </div>
    </Layout>
  );
}
