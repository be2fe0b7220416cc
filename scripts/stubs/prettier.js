// Stand-in for prettier inside the bundle: StatefulSet Lens never formats through yaml-language-server.
export const format = async () => {
  throw new Error('formatting is not bundled in StatefulSet Lens');
};
export default { format };
