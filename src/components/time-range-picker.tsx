import { useEffect, useId, useRef } from 'react';
import { RELATIVE_PRESETS, describeRelative, describeTimeRange, parseDuration, sameRange, type TimeRange } from '../lib/time-range/model.ts';
import { useTimeRange } from '../lib/time-range/use-time-range.ts';
import { AbsoluteRangeForm } from './absolute-range-form.tsx';
import { Icon } from './icon.tsx';
import { usePopover } from './use-popover.ts';
import './time-range-picker.css';

const presets = RELATIVE_PRESETS.map((text) => parseDuration(text)).filter((range) => range !== null);

/** The header's time range: relative presets or an absolute window, kept in the URL. */
export function TimeRangePicker() {
  const { range, zone, setRange } = useTimeRange();
  const { open, setOpen, rootRef, buttonRef, onPanelKeyDown } = usePopover();
  const panelId = useId();
  const panelRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    // Put the keyboard where the choice is: the current preset, else the first control.
    const current = panelRef.current?.querySelector<HTMLElement>('[aria-pressed="true"]');
    (current ?? panelRef.current?.querySelector<HTMLElement>('button, input'))?.focus();
  }, [open]);

  const label = describeTimeRange(range, zone);

  const choose = (next: TimeRange) => {
    setRange(next);
    setOpen(false);
    buttonRef.current?.focus();
  };

  return (
    <div className="time-picker" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="time-picker__button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-haspopup="dialog"
        aria-label={`Time range: ${label}`}
        onClick={() => setOpen((value) => !value)}
      >
        <Icon name="clock" />
        <span className="time-picker__label">{label}</span>
        <Icon name="chevron" />
      </button>
      {open && (
        <div
          ref={panelRef}
          id={panelId}
          className="time-picker__panel"
          role="dialog"
          aria-label="Choose time range"
          onKeyDown={onPanelKeyDown}
        >
          <div className="time-picker__presets">
            <h3 className="time-picker__heading">Relative</h3>
            <ul className="time-picker__list">
              {presets.map((preset) => (
                <li key={`${preset.amount}${preset.unit}`}>
                  <button
                    type="button"
                    className="time-picker__preset"
                    aria-pressed={sameRange(preset, range)}
                    onClick={() => choose(preset)}
                  >
                    {describeRelative(preset)}
                  </button>
                </li>
              ))}
            </ul>
          </div>
          <AbsoluteRangeForm range={range} zone={zone} onApply={choose} />
        </div>
      )}
    </div>
  );
}
