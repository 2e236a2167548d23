import {
  STATS_WINDOWS,
  type StatsWindow,
} from '@internal/plugin-journeys-common';
import { ToggleButton, ToggleButtonGroup } from '@material-ui/lab';
import { useSearchParams } from 'react-router-dom';
import { DEFAULT_WINDOW } from '../routes';

/** The statistics window, kept in the URL (`?window=6h`) so a link shows the same view. */
export function useStatsWindow(): [StatsWindow, (w: StatsWindow) => void] {
  const [params, setParams] = useSearchParams();
  const raw = params.get('window');
  const window = STATS_WINDOWS.includes(raw as StatsWindow)
    ? (raw as StatsWindow)
    : DEFAULT_WINDOW;
  const setWindow = (w: StatsWindow) =>
    setParams(
      prev => {
        const next = new URLSearchParams(prev);
        next.set('window', w);
        return next;
      },
      { replace: true },
    );
  return [window, setWindow];
}

export const WindowSelector = ({
  value,
  onChange,
}: {
  value: StatsWindow;
  onChange: (w: StatsWindow) => void;
}) => (
  <ToggleButtonGroup
    size="small"
    exclusive
    value={value}
    aria-label="statistics window"
    onChange={(_e, w: StatsWindow | null) => w && onChange(w)}
  >
    {STATS_WINDOWS.map(w => (
      <ToggleButton key={w} value={w} aria-label={`last ${w}`}>
        {w}
      </ToggleButton>
    ))}
  </ToggleButtonGroup>
);
