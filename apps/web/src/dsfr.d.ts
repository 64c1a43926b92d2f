// The DSFR's browser script has no types: it is loaded for its side effects.
declare module '@gouvfr/dsfr/dist/dsfr.module.min.js';
