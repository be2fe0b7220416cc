// The entry of dist/isomorphicGit.js: isomorphic-git on its own, which gitBaseline.ts requires when it first reads
// a repository (the server and CLI bundles leave it out; see scripts/build.mjs).
export * from 'isomorphic-git';
