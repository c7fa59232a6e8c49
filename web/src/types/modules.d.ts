// Packages without type declarations that the web app imports.
declare module 'rollup-plugin-bpmnlint';
declare module '*.bpmnlintrc' {
  const config: unknown;
  export default config;
}
