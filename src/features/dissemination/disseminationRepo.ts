import { queryAll, updateDoc, type Change } from '../../store/concurrency';
import type { DocContainer, Stored } from '../../store/types';
import { isStoreError } from '../../store/types';
import type { AckDoc, BroadcastDoc, IndexDoc, RemissAnswerDoc, RemissDoc } from './model';
import { INDEX_PK, ackId, answerId } from './model';

/**
 * Broadcasts and remisser in the `dissemination` container: each in its own partition with its
 * acknowledgements, answers and delivery records; a small index partition lists them.
 */
export class DisseminationRepo {
  constructor(private readonly container: DocContainer) {}

  broadcast(id: string): Promise<Stored<BroadcastDoc> | undefined> {
    return this.readTyped<BroadcastDoc>(id, id, 'broadcast');
  }

  async createBroadcast(doc: BroadcastDoc): Promise<void> {
    await this.container.create(doc);
    await this.index({ item: 'broadcast', id: doc.id, title: doc.title, createdAt: doc.createdAt, createdBy: doc.createdBy });
  }

  /** Read-modify-write of a broadcast under its etag; `decide` sees the latest version. */
  updateBroadcast<R>(id: string, decide: (current: Stored<BroadcastDoc> | undefined) => Change<BroadcastDoc, R>): Promise<R & {}> {
    return updateDoc<BroadcastDoc, R>(this.container, id, id, decide);
  }

  acks(broadcastId: string): Promise<Stored<AckDoc>[]> {
    return queryAll<AckDoc>(this.container, broadcastId, "c.type = 'broadcast-ack'", {}, { orderBy: 'c.at' });
  }

  ack(broadcastId: string, partyId: string): Promise<Stored<AckDoc> | undefined> {
    return this.readTyped<AckDoc>(broadcastId, ackId(partyId), 'broadcast-ack');
  }

  /** Records a party's acknowledgement unless it has one: the first one counts. Returns the one kept. */
  async addAck(doc: AckDoc): Promise<{ ack: AckDoc; recorded: boolean }> {
    try {
      await this.container.create(doc);
      return { ack: doc, recorded: true };
    } catch (err) {
      if (!isStoreError(err, 'conflict')) throw err;
      const existing = await this.ack(doc.pk, doc.partyId);
      if (!existing) throw err;
      return { ack: existing, recorded: false };
    }
  }

  remiss(id: string): Promise<Stored<RemissDoc> | undefined> {
    return this.readTyped<RemissDoc>(id, id, 'remiss');
  }

  async createRemiss(doc: RemissDoc): Promise<void> {
    await this.container.create(doc);
    await this.index({ item: 'remiss', id: doc.id, title: doc.title, createdAt: doc.createdAt, createdBy: doc.createdBy });
  }

  updateRemiss<R>(id: string, decide: (current: Stored<RemissDoc> | undefined) => Change<RemissDoc, R>): Promise<R & {}> {
    return updateDoc<RemissDoc, R>(this.container, id, id, decide);
  }

  answers(remissId: string): Promise<Stored<RemissAnswerDoc>[]> {
    return queryAll<RemissAnswerDoc>(this.container, remissId, "c.type = 'remiss-answer'", {}, { orderBy: 'c.partyId' });
  }

  answer(remissId: string, partyId: string): Promise<Stored<RemissAnswerDoc> | undefined> {
    return this.readTyped<RemissAnswerDoc>(remissId, answerId(partyId), 'remiss-answer');
  }

  updateAnswer<R>(
    remissId: string,
    partyId: string,
    decide: (current: Stored<RemissAnswerDoc> | undefined) => Change<RemissAnswerDoc, R>,
  ): Promise<R & {}> {
    return updateDoc<RemissAnswerDoc, R>(this.container, remissId, answerId(partyId), decide);
  }

  /** The latest broadcasts and remisser, newest first. */
  async recent(limit: number): Promise<Stored<IndexDoc>[]> {
    const page = await this.container.query<IndexDoc>(INDEX_PK, "c.type = 'dissemination-index'", {}, { orderBy: 'c.createdAt DESC', pageSize: limit });
    return page.items;
  }

  /** Broadcasts and remisser created from `from` on, oldest first. */
  createdSince(from: Date): Promise<Stored<IndexDoc>[]> {
    return queryAll<IndexDoc>(this.container, INDEX_PK, "c.type = 'dissemination-index' AND c.createdAt >= @from", { from: from.toISOString() }, { orderBy: 'c.createdAt' });
  }

  private async index(entry: Pick<IndexDoc, 'item' | 'id' | 'title' | 'createdAt' | 'createdBy'>): Promise<void> {
    await this.container.upsert<IndexDoc>({ ...entry, pk: INDEX_PK, type: 'dissemination-index' });
  }

  private async readTyped<T extends { type: string }>(pk: string, id: string, type: T['type']): Promise<Stored<T & { id: string; pk: string }> | undefined> {
    const doc = await this.container.read<T & { id: string; pk: string }>(pk, id);
    return doc?.type === type ? doc : undefined;
  }
}
