import type { CheckReport, CheckRow } from '../../../src/shared/delivery-types';

function verdict(row: CheckRow): { text: string; cls: string } {
  if (row.pass === null) return { text: 'n/a', cls: 'check-na' };
  return row.pass ? { text: 'pass', cls: 'check-pass' } : { text: 'fail', cls: 'check-fail' };
}

/** The handler check's report: what the handler should have answered to each scenario, what it did, and the verdict. */
export function CheckReportTable({ report }: { report: CheckReport }) {
  // A provider with several signature forms (LRDefender) has its signature rows once per form.
  const forms = report.rows.some((r) => r.form);
  return (
    <div className="check-report" data-testid="check-report">
      <p className="facts">
        <span className="check-pass strong">{report.passed} passed</span> ·{' '}
        <span className="check-fail strong">{report.failed} failed</span> ·{' '}
        <span className="muted">{report.notJudged} not judged</span> — {report.provider} <code>{report.eventType}</code>{' '}
        against <code>{report.url}</code>
      </p>
      <table className="table check-table" aria-label="Handler check report">
        <thead>
          <tr>
            <th>Scenario</th>
            {forms && <th>Signature</th>}
            <th>Expected</th>
            <th>Actual</th>
            <th>Result</th>
            <th>Notes</th>
          </tr>
        </thead>
        <tbody>
          {report.rows.map((row) => {
            const v = verdict(row);
            return (
              <tr
                key={`${row.scenario}/${row.form ?? ''}`}
                data-scenario={row.scenario}
                data-form={row.form}
                data-result={v.text}
              >
                <td>
                  <span className="strong">{row.scenario}</span>
                  <div className="muted">{row.title}</div>
                </td>
                {forms && <td className="mono">{row.form ?? 'provider default'}</td>}
                <td>{row.expected}</td>
                <td className="mono">{row.actual}</td>
                <td>
                  <span className={`badge ${v.cls}`}>{v.text}</span>
                </td>
                <td className="muted">{row.note ?? ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {report.notes.length > 0 && (
        <ul className="check-notes">
          {report.notes.map((note, i) => (
            <li key={i}>{note}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
