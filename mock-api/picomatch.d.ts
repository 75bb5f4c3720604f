// picomatch 4 ships no types; this covers the one call this project makes.
declare module 'picomatch' {
  interface PicomatchOptions {
    dot?: boolean;
    nocase?: boolean;
    matchBase?: boolean;
  }
  function picomatch(
    globs: string | readonly string[],
    options?: PicomatchOptions,
  ): (path: string) => boolean;
  export default picomatch;
}
