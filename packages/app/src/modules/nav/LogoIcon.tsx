import { makeStyles } from '@material-ui/core';

const useStyles = makeStyles({
  svg: { width: 'auto', height: 28 },
});

/** Three jacks patched together: the switchboard mark. */
export const SwitchboardMark = ({ className }: { className?: string }) => (
  <svg
    className={className}
    xmlns="http://www.w3.org/2000/svg"
    viewBox="0 0 32 32"
    role="img"
    aria-hidden="true"
  >
    <rect x="1" y="1" width="30" height="30" rx="7" fill="#1f6feb" />
    <path
      d="M9 10 C 16 10, 16 22, 23 22 M9 22 C 13 22, 14 16, 16 16 L 23 16"
      stroke="#7df3e1"
      strokeWidth="2.4"
      fill="none"
      strokeLinecap="round"
    />
    <circle cx="9" cy="10" r="2.8" fill="#fff" />
    <circle cx="9" cy="22" r="2.8" fill="#fff" />
    <circle cx="23" cy="16" r="2.8" fill="#fff" />
    <circle cx="23" cy="22" r="2.8" fill="#fff" />
  </svg>
);

export const LogoIcon = () => {
  const classes = useStyles();
  return <SwitchboardMark className={classes.svg} />;
};
