/** @jsxRuntime classic */
/** @jsx h */
import { h } from 'preact';
import { sparkline } from '@/lib/badge/sparkline';
import type { PanelLine } from '@/lib/badge/model';
import type { Day } from '@/lib/series/types';

const W = 96;
const H = 24;

/** A line's 90 days in plain SVG (no charting library in the content script); a missing stretch stays a gap. */
export function Sparkline({ line, end, emptyText }: { line: PanelLine; end: Day; emptyText: string }) {
  const s = sparkline(line.spark, {
    width: W,
    height: H,
    end,
    refs: line.refs,
    domain: line.domain,
    maxGapDays: line.maxGapDays,
  });
  if (!s.d) return <span class="nospark">{emptyText}</span>;
  return (
    <svg class="spark" width={W} height={H} role="img" aria-label={line.sparkLabel}>
      {s.refs.map((y) => (
        <line key={y} x2={W} y1={y} y2={y} />
      ))}
      <path d={s.d} />
      {s.last && <circle cx={s.last[0]} cy={s.last[1]} r="1.8" />}
    </svg>
  );
}
