import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['build/', '.docusaurus/', 'node_modules/', 'static/', 'kernel/', 'i18n/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The VM's seams: outside src/vm/, code uses the VM through its index (and
    // ./node or ./browser/ to start one); the agent protocol and v86 stay inside.
    files: ['**/*.{ts,tsx,js,mjs}'],
    ignores: ['src/vm/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/vm/protocol', '**/vm/agent-channel', '**/vm/v86-adapter', '**/vm/orbit-vm', '**/vm/start'],
              message: 'Use the VM through src/vm/index.ts (shellQuote and randomNonce are exported there).',
            },
            { group: ['v86'], message: 'Only src/vm/v86-adapter.ts talks to v86.' },
          ],
        },
      ],
    },
  },
);
