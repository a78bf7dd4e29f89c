import { PageHeader } from './page-header.tsx';
import './not-built-view.css';

export interface NotBuiltViewProps {
  title: string;
  /** One sentence: what the view is for. */
  summary: string;
  /** What the view will let people do, in their words. */
  plans: readonly string[];
}

/** An honest placeholder for a view a later release fills: what it will do, no sample content. */
export function NotBuiltView({ title, summary, plans }: NotBuiltViewProps) {
  return (
    <div className="page">
      <PageHeader title={title} description={summary} />
      <section className="not-built" aria-labelledby="not-built-title">
        <p className="not-built__badge">Not built yet</p>
        <h2 className="not-built__title" id="not-built-title">
          This view is not available in this version of Vigil.
        </h2>
        <p className="not-built__lead">When it is built, it will let you:</p>
        <ul className="not-built__plans">
          {plans.map((plan) => (
            <li key={plan}>{plan}</li>
          ))}
        </ul>
      </section>
    </div>
  );
}
