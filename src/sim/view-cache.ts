/**
 * Filtered views of a data set, built once per (filter, data-set version) and reused page after
 * page: paging 1,000,000 assignments slices one view instead of re-walking the maps. A write
 * moves the version on, which drops every view of that data set.
 */
const MAX_VIEWS = 16;

export class ViewCache<V> {
  private version = -1;
  private readonly views = new Map<string, V>();

  get(key: string, version: number, build: () => V): V {
    if (version !== this.version) {
      this.views.clear();
      this.version = version;
    }
    let view = this.views.get(key);
    if (view === undefined) {
      if (this.views.size >= MAX_VIEWS) this.views.delete(this.views.keys().next().value!);
      view = build();
      this.views.set(key, view);
    }
    return view;
  }
}
