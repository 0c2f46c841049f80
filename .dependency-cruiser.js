/** Layering rules of ARCHITECTURE.md, enforced in CI (`npm run lint:deps`). */
module.exports = {
  forbidden: [
    {
      name: 'app-imports-other-app',
      comment:
        'An app imports libs, never another app: two services meet only in libs/contracts and libs/events.',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/([^/]+)/', pathNot: '^apps/$1/' },
    },
    {
      name: 'lib-imports-app',
      comment: 'A lib never imports an app.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'production-imports-testing',
      comment: 'libs/testing is for tests only.',
      severity: 'error',
      from: { path: '^(apps|libs)/[^/]+/src/', pathNot: '(\\.spec\\.ts$|^libs/testing/)' },
      to: { path: '^libs/testing/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^dist/|node_modules)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['require', 'node', 'default'] },
  },
};
