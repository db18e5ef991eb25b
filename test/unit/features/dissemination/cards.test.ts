import assert from 'node:assert/strict';
import { renderCard } from '../../../../src/cards/renderCard';
import type { DeliveryView } from '../../../../src/delivery/types';
import { messageCardData } from '../../../../src/features/dissemination/broadcastCards';
import { statusCardData } from '../../../../src/features/dissemination/broadcastStatusCards';
import type { AckDoc, BroadcastDoc } from '../../../../src/features/dissemination/model';
import { summariseDeliveries } from '../../../../src/features/dissemination/progressRules';
import { cardText } from '../../../support/cards';
import { cardProblems } from '../../../support/validateCard';

const members = Array.from({ length: 8 }, (_, i) => ({ aadObjectId: `h${i}`, name: `Hofors chef ${i + 1}` }));
const broadcast: BroadcastDoc = {
  id: 'b-0123456789ab', pk: 'b-0123456789ab', type: 'broadcast', kind: 'decision', title: 'Beslut om SIP', text: 'Antaget.',
  links: [], audience: { parties: 'all', bodyId: null }, targets: 'channels', requiresAck: true, sendAt: null, fromPartyId: null,
  status: 'sent', revision: 1, createdBy: { aadObjectId: 'sec', name: 'Sara Sekreterare' }, createdAt: '2026-11-27T13:00:00Z',
  updatedAt: '2026-11-27T13:00:00Z', statusConversation: 'c',
  plan: {
    parties: [
      { partyId: 'gavle', name: 'Gävle kommun', channel: 'conv-gavle', members: [], fallback: false },
      { partyId: 'hofors', name: 'Hofors kommun', channel: null, members, fallback: true },
    ],
    sharedChannel: null,
  },
  sentAt: '2026-11-27T13:00:00Z', cancelledAt: null, reminders: 0, lastReminderAt: null, statusUpdates: 0, lastStatusBatch: null,
};

const view = (recipient: DeliveryView['recipient'], status: DeliveryView['status'], error: string | null = null): DeliveryView => ({
  batchId: 'send', recipient, status, attempts: 1, activityId: null, error, sentAt: null,
});

function render(template: string, data: object, locale: 'sv' | 'en' = 'sv'): string {
  const card = renderCard(template, data, locale);
  assert.deepEqual(cardProblems(card), []);
  return cardText(card);
}

describe('dissemination cards', () => {
  it("show the secretariat per party what went where, what is gone and why, and who acknowledged", () => {
    const views = [
      view({ kind: 'conversation', conversationKey: 'conv-gavle' }, 'sent'),
      ...members.map((m, i) => view({ kind: 'member', aadObjectId: m.aadObjectId }, i < 6 ? 'gone' : 'pending', i < 6 ? 'http 403' : null)),
    ];
    const ack: AckDoc = { id: 'ack-gavle', pk: broadcast.id, type: 'broadcast-ack', partyId: 'gavle', by: { aadObjectId: 'g', name: 'Gustav Gävle' }, at: '2026-11-27T13:05:00Z' };
    const text = render('broadcast-status', statusCardData(broadcast, summariseDeliveries(broadcast.plan!, views), [ack], { csvUrl: 'https://bot.example.se/downloads/x.y' }));
    assert.match(text, /Klart för 7 av 9 mottagare \(77\u00a0%\)/);
    assert.match(text, /Cirka 1 sekund kvar/);
    assert.match(text, /Hofors kommun\nsaknar kopplad kanal: 8 personliga chattar/);
    assert.match(text, /Hofors chef 1: når inte fram \(boten är borttagen ur samtalet\)/);
    assert.match(text, /… och 1 till/);
    assert.match(text, /Kvitterat av Gustav Gävle, fredag 27 november 2026 kl\. 14\.05/);
    assert.match(text, /Påminn dem som inte kvitterat/);
    assert.match(text, /Ladda ner logg \(CSV\)/);
  });

  it('count "de elva parterna" with HUFB apart, and show a party that reaches nobody with what would fix it, never as "Inte kvitterat"', () => {
    const eleven = ['bollnas', 'gavle', 'hofors', 'hudiksvall', 'ljusdal', 'nordanstig', 'ockelbo', 'ovanaker', 'region-gavleborg', 'sandviken', 'soderhamn'].map((id) => ({
      partyId: id, name: `Part ${id}`, channel: id === 'ockelbo' ? null : `conv-${id}`, members: [], fallback: id === 'ockelbo',
    }));
    // A plan stored before `isParty` was kept: HUFB is still told apart by the agreement's list.
    const hufb = { partyId: 'hufb', name: 'Hälsinglands Utbildningsförbund', channel: 'conv-hufb', members: [], fallback: false };
    const all: BroadcastDoc = { ...broadcast, plan: { parties: [...eleven, hufb], sharedChannel: null } };
    const acks: AckDoc[] = ['gavle', 'hofors'].map((partyId) => ({ id: `ack-${partyId}`, pk: all.id, type: 'broadcast-ack', partyId, by: { aadObjectId: partyId, name: `Chef ${partyId}` }, at: '2026-11-27T13:05:00Z' }));
    const sv = render('broadcast-status', statusCardData(all, summariseDeliveries(all.plan!, []), acks));
    assert.match(sv, /Kvitterat: 2 av 11 parter · Hälsinglands Utbildningsförbund: inte kvitterat\./);
    assert.doesNotMatch(sv, /12 parter|av 12|av 13/);
    assert.match(sv, /Part ockelbo\nNår ingen: ingen kopplad kanal och ingen chef i Länsledning\. Koppla partens kanal med \*\*koppla kanal\*\* i kanalen, eller lägg till en chef i katalogen\./);
    assert.doesNotMatch(sv, /Part ockelbo[^]*?Levererat 0 av 0/);
    assert.doesNotMatch(sv, /inga mottagare/);
    const en = render('broadcast-status', statusCardData(all, summariseDeliveries(all.plan!, []), acks), 'en');
    assert.match(en, /Acknowledged: 2 of 11 parties · Hälsinglands Utbildningsförbund: not acknowledged\./);
  });

  it('draw the progress bar from the done and remaining counts', () => {
    const data = statusCardData(broadcast, summariseDeliveries(broadcast.plan!, [view({ kind: 'conversation', conversationKey: 'conv-gavle' }, 'sent')]), []) as {
      progress: { doneWeight: number; restWeight: number };
    };
    assert.deepEqual([data.progress.doneWeight, data.progress.restWeight], [1, 8]);
    const card = JSON.stringify(renderCard('broadcast-status', data, 'sv'));
    assert.match(card, /"width":1,"style":"good"/);
    assert.match(card, /"width":8,"style":"emphasis"/);
  });

  it("show a recipient the acknowledgement prompt for their party, and in English for an English reader", () => {
    const data = messageCardData(broadcast, null, { party: { id: 'hofors', name: 'Hofors kommun' }, ack: null, reminder: true, viewers: ['h0'] });
    const sv = render('broadcast-message', data);
    assert.match(sv, /Påminnelse: Hofors kommun har inte bekräftat det här ännu/);
    assert.match(sv, /Mottaget och fört vidare/);
    const en = render('broadcast-message', data, 'en');
    assert.match(en, /Confirm for Hofors kommun when this has been received and carried into your organisation/);
    assert.match(en, /Sent Friday 27 November 2026 at 14:00/);
  });
});
