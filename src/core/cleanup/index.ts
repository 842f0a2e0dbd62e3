import { HookscopeError } from '../../shared/errors';
import type { CleanupRepo, DeleteTarget } from '../store/cleanup';
import { targetOf, type DeleteRequest } from './request';

export { targetOf, setFields, type DeleteRequest } from './request';

export type Cleanup = ReturnType<typeof createCleanup>;

type Job =
  { kind: 'captures'; target: DeleteTarget; left: number } | { kind: 'endpoint'; endpointId: number; slug: string };

export interface CleanupOptions {
  repo: CleanupRepo;
  /** The endpoint of a slug (throws ENDPOINT_NOT_FOUND). */
  endpoint(slug: string): { id: number; slug: string };
  /** Captures deleted (each slice's ids, as soon as it is committed). */
  onDeleted?(ids: number[]): void;
  /** An endpoint removed, with all its captures. */
  onEndpointGone?(slug: string): void;
}

/**
 * Deleting captures and endpoints without stalling capture: a request is
 * counted and queued at once, then done in bounded slices by the background
 * (`run(max)`, like retention), newest first. `deleteNow` does the same
 * slices in a loop for a one-shot command (`hookscope delete`), each slice in
 * its own transaction so a running `serve` gets the database between them.
 */
export function createCleanup(options: CleanupOptions) {
  const { repo } = options;
  const jobs: Job[] = [];

  function plan(request: DeleteRequest): DeleteTarget {
    return targetOf(request, repo.maxId());
  }

  /** One slice of the job; returns the rows it touched and whether the job is done. */
  function step(job: Job, max: number): { touched: number; done: boolean } {
    if (job.kind === 'captures') {
      const ids = repo.deleteSlice(job.target, max);
      if (ids.length > 0) options.onDeleted?.(ids);
      job.left = Math.max(0, job.left - ids.length);
      return { touched: ids.length, done: ids.length < max };
    }
    const { ids, gone } = repo.deleteEndpointSlice(job.endpointId, max);
    if (ids.length > 0) options.onDeleted?.(ids);
    if (gone) options.onEndpointGone?.(job.slug);
    return { touched: ids.length + (gone ? 1 : 0), done: gone };
  }

  return {
    plan,
    /** How many captures a request would delete now (nothing is deleted). */
    count(request: DeleteRequest): number {
      return repo.count(plan(request));
    },
    /** How many captures a planned deletion takes now. */
    countTarget(target: DeleteTarget): number {
      return repo.count(target);
    },
    /** Queues the deletion; returns how many captures it takes. */
    deleteCaptures(request: DeleteRequest): { count: number } {
      return this.deleteTarget(plan(request));
    },
    /** Queues a planned deletion (`plan`): the captures counted before a confirmation, none that arrived since. */
    deleteTarget(target: DeleteTarget): { count: number } {
      const count = repo.count(target);
      if (count > 0) jobs.push({ kind: 'captures', target, left: count });
      return { count };
    },
    /** Queues an endpoint's deletion (its captures first, in slices); returns how many captures go with it. */
    deleteEndpoint(slug: string): { slug: string; count: number } {
      const endpoint = options.endpoint(slug);
      if (jobs.some((j) => j.kind === 'endpoint' && j.endpointId === endpoint.id)) {
        throw new HookscopeError('CONFLICT', `endpoint "${slug}" is already being deleted`);
      }
      const count = repo.count({ kind: 'filter', filter: { endpoint: endpoint.slug }, upto: Number.MAX_SAFE_INTEGER });
      jobs.push({ kind: 'endpoint', endpointId: endpoint.id, slug: endpoint.slug });
      return { slug: endpoint.slug, count };
    },
    /** Whether an endpoint is queued for deletion. */
    isDeleting(endpointId: number): boolean {
      return jobs.some((j) => j.kind === 'endpoint' && j.endpointId === endpointId);
    },
    /** Captures still to delete in queued jobs (an endpoint's not counted). */
    pending(): number {
      return jobs.reduce((n, j) => n + (j.kind === 'captures' ? j.left : 0), 0);
    },
    /** One background step: up to about `max` rows deleted; returns rows touched (0: nothing queued). */
    run(max: number): number {
      let work = 0;
      while (jobs.length > 0 && work < max) {
        const { touched, done } = step(jobs[0], max - work);
        work += touched;
        if (done) jobs.shift();
        else if (touched === 0) break;
      }
      return work;
    },
  };
}
