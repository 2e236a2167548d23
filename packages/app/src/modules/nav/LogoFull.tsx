import { makeStyles } from '@material-ui/core';
import { SwitchboardMark } from './LogoIcon';

const useStyles = makeStyles({
  root: { display: 'flex', alignItems: 'center', gap: 10 },
  mark: { width: 30, height: 30, flexShrink: 0 },
  text: {
    color: '#fff',
    fontSize: 21,
    fontWeight: 700,
    letterSpacing: 0.2,
    whiteSpace: 'nowrap',
  },
});

export const LogoFull = () => {
  const classes = useStyles();
  return (
    <span className={classes.root}>
      <SwitchboardMark className={classes.mark} />
      <span className={classes.text}>Switchboard</span>
    </span>
  );
};
