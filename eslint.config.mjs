// ESLint: the recommended rules (JavaScript + typescript-eslint) and the layer
// boundaries. No stylistic rules: a formatter owns layout.
//
// THE LAYER TABLE is LAYERS below, enforced by the local rule
// `hookscope/layers`: every import (static, `export ... from`, dynamic
// `import()`, `require()`) is resolved against the importing file's folder and
// must land in a folder its layer may use; bare package names are checked
// against the layer's forbidden packages. test/layers-lint.test.ts writes one probe
// file per forbidden crossing and proves this rule rejects each.
//
// CORE'S PUBLIC SURFACE (what src/cli, src/server, src/main may import) is
// every module of src/core EXCEPT the repositories in src/core/store/**
// (REPOSITORIES below); what the shells need from the store is re-exported by
// src/core/store-exports.ts (CORE_PUBLIC_STORE). Captures, endpoints, secrets
// and analysis are reached through src/core/services/*, via the App's
// AppSurface type (src/core/app.ts), which has no db and no repository.
import { builtinModules } from 'node:module';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const ROOT = dirname(fileURLToPath(import.meta.url));

const NODE = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const NATIVE = ['electron', 'better-sqlite3', 'ws'];

/** Store modules the shells may import directly: only the re-exporting surface. */
const CORE_PUBLIC_STORE = ['src/core/store-exports.ts'];
const REPOSITORIES = {
  folders: ['src/core/store'],
  except: CORE_PUBLIC_STORE,
  why: "uses core's public surface, not its repositories: go through the App's services or src/core/store-exports.ts",
};

/**
 * Each layer: the folders (from the repository root) it may import from,
 * folders inside those it still may not (`not`), and the packages it may not
 * use. A file belongs to the layer with the longest matching root; a file in
 * no layer here (tests, scripts, configs) is not checked.
 */
const LAYERS = [
  { name: 'renderer', root: 'renderer/src', may: ['renderer/src', 'src/shared'], packages: [...NODE, ...NATIVE] },
  { name: 'src/shared', root: 'src/shared', may: ['src/shared'], packages: [...NODE, ...NATIVE] },
  // The database driver is the store's alone: SQL lives only in src/core/store.
  {
    name: 'src/core',
    root: 'src/core',
    may: ['src/core', 'src/shared', 'package.json'],
    packages: ['electron', 'better-sqlite3'],
  },
  {
    name: 'src/core/store',
    root: 'src/core/store',
    may: ['src/core', 'src/shared'],
    // The store knows records, not the engines that write them (their shared shapes: src/core/delivery-request.ts).
    not: [
      {
        folders: [
          'src/core/sender',
          'src/core/capture',
          'src/core/replay',
          'src/core/tunnel',
          'src/core/services',
          'src/core/api',
          'src/core/app.ts',
        ],
        why: 'is below the engines: shapes both use go in a module beside them',
      },
    ],
    packages: ['electron'],
  },
  {
    name: 'src/server',
    root: 'src/server',
    may: ['src/server', 'src/shared', 'src/core'],
    not: [REPOSITORIES],
    packages: ['electron', 'better-sqlite3'],
  },
  {
    name: 'src/cli',
    root: 'src/cli',
    may: ['src/cli', 'src/shared', 'src/core', 'src/server'],
    not: [REPOSITORIES],
    packages: ['electron', 'better-sqlite3'],
  },
  {
    name: 'src/main',
    root: 'src/main',
    may: ['src/main', 'src/shared', 'src/core', 'src/preload'],
    not: [REPOSITORIES],
    packages: ['better-sqlite3'],
  },
  {
    name: 'src/preload',
    root: 'src/preload',
    may: ['src/preload', 'src/shared'],
    packages: [...NODE.filter((m) => m !== 'electron'), 'better-sqlite3', 'ws'],
  },
];

const inside = (path, folder) =>
  path === folder ||
  path.startsWith(`${folder}/`) ||
  path.replace(/\.[cm]?[jt]sx?$/, '') === folder.replace(/\.[cm]?[jt]sx?$/, '');

function layerOf(file) {
  const path = relative(ROOT, file).split('\\').join('/');
  return LAYERS.filter((layer) => inside(path, layer.root)).sort((a, b) => b.root.length - a.root.length)[0];
}

/** Why importing `source` from `file` crosses a boundary, or null when it does not. */
function crossing(layer, file, source) {
  if (source.startsWith('.') || source.startsWith('/')) {
    const target = relative(ROOT, resolve(dirname(file), source))
      .split('\\')
      .join('/');
    if (!layer.may.some((folder) => inside(target, folder)))
      return `${layer.name} may import only from ${layer.may.join(', ')}, not ${target}`;
    for (const rule of layer.not ?? []) {
      if (rule.folders.some((folder) => inside(target, folder)) && !(rule.except ?? []).some((m) => inside(target, m)))
        return `${layer.name} ${rule.why} (${target})`;
    }
    return null;
  }
  const name = source.startsWith('@') ? source.split('/').slice(0, 2).join('/') : source.split('/')[0];
  if (layer.packages.includes(name) || layer.packages.includes(source))
    return `${layer.name} may not import "${source}"`;
  return null;
}

const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'imports stay inside the layer table (eslint.config.mjs)' },
    schema: [],
  },
  create(context) {
    const layer = layerOf(context.filename);
    if (!layer) return {};
    const check = (node) => {
      if (!node || node.type !== 'Literal' || typeof node.value !== 'string') return;
      const why = crossing(layer, context.filename, node.value);
      if (why) context.report({ node, message: `layer crossing: ${why}` });
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      TSImportEqualsDeclaration: (node) => check(node.moduleReference?.expression),
      TSImportType: (node) => check(node.argument?.literal ?? node.argument),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') check(node.arguments[0]);
      },
    };
  },
};

/** Globals src/shared may not touch: the DOM's and Node's. */
const PLATFORM_GLOBALS = [
  'window',
  'document',
  'navigator',
  'localStorage',
  'sessionStorage',
  'location',
  'HTMLElement',
  'Buffer',
  'process',
  'require',
  '__dirname',
  '__filename',
  'global',
  'setImmediate',
];

export default tseslint.config(
  {
    ignores: ['node_modules/**', 'out/**', 'dist/**', 'renderer/dist/**', 'test-results/**', 'release/**', '**/*.d.ts'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mts,cts,js,mjs,cjs}'],
    plugins: { hookscope: { rules: { layers: layersRule } } },
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        setImmediate: 'readonly',
        clearImmediate: 'readonly',
        queueMicrotask: 'readonly',
        TextEncoder: 'readonly',
        TextDecoder: 'readonly',
        AbortController: 'readonly',
        AbortSignal: 'readonly',
        structuredClone: 'readonly',
        fetch: 'readonly',
        performance: 'readonly',
      },
    },
    rules: {
      'hookscope/layers': 'error',
      // Underscore-prefixed names are deliberately unused (placeholders, destructuring that drops a key).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      // Matching control characters is this product's job (inert terminal output, header and import validation).
      'no-control-regex': 'off',
    },
  },
  {
    // Tests reach into loosely typed JSON answers and fakes; the product code keeps the rule.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...PLATFORM_GLOBALS.map((name) => ({ name, message: 'src/shared is pure TypeScript: no DOM or Node globals' })),
      ],
    },
  },
);
