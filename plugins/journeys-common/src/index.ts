export * from './api';
export * from './entity/JourneyEntity';
export * from './entity/journeyEntityValidator';
export * from './entity/parseDuration';
export * from './permissions';
export * from './semconv/semanticConventions';
export * from './slo';
