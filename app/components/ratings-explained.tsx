// What a trainer's rating of a written reply means: the Helpful Responses scale in plain words,
// wherever officers meet a written reply (its feedback, the attempt's review, their record).
import { HRQ_LEVELS } from "~/studio/hrq";

export function RatingsExplained() {
  return (
    <details className="govuk-details">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">What the ratings of written replies mean</span>
      </summary>
      <div className="govuk-details__text">
        <p className="govuk-body">
          A trainer rates each written reply from 1 to 5 on the Helpful Responses scale (Miller, Hedrick and Orlofsky,
          1991), by how well it reflects what he said:
        </p>
        <dl className="govuk-summary-list">
          {HRQ_LEVELS.map((l) => (
            <div key={l.rating} className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">
                {l.rating}: {l.label}
              </dt>
              <dd className="govuk-summary-list__value">{l.description}</dd>
            </div>
          ))}
        </dl>
      </div>
    </details>
  );
}
