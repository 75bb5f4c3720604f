// A catalogue in another language must have exactly the same key tree as the English one:
// `Catalogue<typeof en>` makes TypeScript reject a missing or an extra key.
export type Catalogue<T> = {
  [K in keyof T]: T[K] extends string ? string : Catalogue<T[K]>;
};

export interface MessageTree {
  [key: string]: string | MessageTree | undefined;
}
