import { useId, useState, type FormEvent } from 'react';
import { zoneLabel, type TimeZoneMode } from '../lib/format.ts';
import {
  checkAbsolute,
  fromDateTimeInputValue,
  resolveTimeRange,
  toDateTimeInputValue,
  type AbsoluteRange,
  type TimeRange,
} from '../lib/time-range/model.ts';
import { Button } from './button.tsx';

export interface AbsoluteRangeFormProps {
  range: TimeRange;
  zone: TimeZoneMode;
  onApply: (range: AbsoluteRange) => void;
}

/** From/to inputs read as wall time in the display zone; starts from the window now on screen. */
export function AbsoluteRangeForm({ range, zone, onApply }: AbsoluteRangeFormProps) {
  const id = useId();
  const [initial] = useState(() => resolveTimeRange(range, Date.now()));
  const [fromText, setFromText] = useState(() => toDateTimeInputValue(initial.from, zone));
  const [toText, setToText] = useState(() => toDateTimeInputValue(initial.to, zone));
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const from = fromDateTimeInputValue(fromText, zone);
    const to = fromDateTimeInputValue(toText, zone);
    const issue = from === null || to === null ? 'Enter both a start and an end.' : checkAbsolute(from, to);
    if (issue !== null || from === null || to === null) {
      setProblem(issue);
      return;
    }
    onApply({ kind: 'absolute', from, to });
  };

  return (
    <form className="time-picker__form" onSubmit={submit} noValidate aria-describedby={`${id}-zone`}>
      <h3 className="time-picker__heading">Absolute</h3>
      <label className="time-picker__field" htmlFor={`${id}-from`}>
        <span>From</span>
        <input
          id={`${id}-from`}
          type="datetime-local"
          step="1"
          value={fromText}
          onChange={(event) => setFromText(event.target.value)}
          aria-invalid={problem !== null}
        />
      </label>
      <label className="time-picker__field" htmlFor={`${id}-to`}>
        <span>To</span>
        <input
          id={`${id}-to`}
          type="datetime-local"
          step="1"
          value={toText}
          onChange={(event) => setToText(event.target.value)}
          aria-invalid={problem !== null}
        />
      </label>
      <p className="time-picker__note" id={`${id}-zone`}>
        Times in {zone === 'utc' ? 'UTC' : `local time (${zoneLabel('local')})`}
      </p>
      {problem !== null && (
        <p className="time-picker__problem" role="alert">
          {problem}
        </p>
      )}
      <Button type="submit" variant="primary">
        Apply time range
      </Button>
    </form>
  );
}
