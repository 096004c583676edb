// A page that says why someone could not sign in, with the way back to the sign-in page.
export function SignInProblem({ heading, message }: { heading: string; message: string }) {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">{heading}</h1>
        <p className="govuk-body" id="refusal">
          {message}
        </p>
        <p className="govuk-body">
          <a className="govuk-link" href="/sign-in">
            Back to sign in
          </a>
        </p>
      </div>
    </div>
  );
}
