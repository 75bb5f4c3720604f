// Text a customer wrote or will read (names, descriptions, messages, complaint texts, file names),
// shown for what it is. Its bidirectional controls (RLO and the like) are shown as visible marks
// in place, not obeyed: a reviewer must read what was typed, and a hidden control in a customer's
// text is itself worth seeing, which stripping would hide. The text sits in a <bdi>, so right-to-left
// letters in it cannot reorder the label or the table cell around it.
import { Fragment } from 'react';
import { useRecordContext, useTranslate } from 'react-admin';
import { splitBidiControls } from '../domain/visibleText';

const MARK_STYLE = {
  textDecoration: 'none',
  fontFamily: 'monospace',
  fontSize: '0.8em',
  border: '1px dashed currentColor',
  borderRadius: 3,
  padding: '0 2px',
} as const;

function BidiControlMark({ control, codePoint }: { control: string; codePoint: string }) {
  const translate = useTranslate();
  const label = translate('common.bidi_control', { control, codePoint });
  // an abbreviation with its expansion: what the mark is, on hover and for assistive technology
  return (
    <abbr data-bidi-control={codePoint} title={label} style={MARK_STYLE}>
      {`⟨${control}⟩`}
    </abbr>
  );
}

export function CustomerText({ text }: { text: string | null | undefined }) {
  if (!text) return null;
  const parts = splitBidiControls(text);
  return (
    <bdi data-customer-text="">
      {parts.map((part, i) =>
        typeof part === 'string' ? (
          <Fragment key={i}>{part}</Fragment>
        ) : (
          <BidiControlMark key={i} control={part.control} codePoint={part.codePoint} />
        ),
      )}
    </bdi>
  );
}

/** The record's text field `source`, as CustomerText (for lists and show pages). */
export function CustomerTextField({ source }: { source: string; label?: string }) {
  const record = useRecordContext<Record<string, unknown>>();
  const value = record?.[source];
  return typeof value === 'string' ? <CustomerText text={value} /> : null;
}
