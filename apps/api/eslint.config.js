import { apiLayerRules, baseConfig } from '@rattrapage/eslint-config';

export default [...baseConfig({ tsconfigRootDir: import.meta.dirname }), ...apiLayerRules];
