export * from './vocabulary';
export * from './artifacts';
