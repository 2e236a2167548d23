/** A clock tests move by hand. */
export class ManualClock {
  constructor(private current: Date) {}

  now = (): Date => new Date(this.current.getTime());

  set(iso: string) {
    this.current = new Date(iso);
  }
}

export const ms = (iso: string) => new Date(iso).getTime();
