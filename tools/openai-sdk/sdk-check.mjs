// Talks to Panthera's OpenAI-compatible API with the official openai npm package.
// Env: PANTHERA_BASE_URL (…/v1), PANTHERA_API_KEY (a Panthera access token), PANTHERA_MODEL
// ({collection}/{token_id} the key's wallet holds), PANTHERA_FOREIGN_MODEL (one it does not
// hold: the not_owner check fails without it).
// Prints one JSON summary line; exits 0 only when every check passed.
import OpenAI from 'openai';
import { VERSION } from 'openai/version';

const baseURL = process.env.PANTHERA_BASE_URL;
const apiKey = process.env.PANTHERA_API_KEY;
const model = process.env.PANTHERA_MODEL;
const foreignModel = process.env.PANTHERA_FOREIGN_MODEL;
const summary = { ok: false, sdk_version: VERSION, checks: {} };

function check(name, ok, detail) {
  summary.checks[name] = ok ? true : String(detail ?? 'failed');
  return ok;
}

async function main() {
  if (!baseURL || !apiKey || !model) {
    throw new Error('PANTHERA_BASE_URL, PANTHERA_API_KEY and PANTHERA_MODEL are required');
  }
  const client = new OpenAI({ baseURL, apiKey, maxRetries: 0, timeout: 30_000 });

  // models list
  const ids = [];
  for await (const m of client.models.list()) {
    ids.push(m.id);
  }
  summary.models = ids;
  check('models_list', ids.includes(model), `models ${JSON.stringify(ids)} lack ${model}`);

  // completion
  const completion = await client.chat.completions.create({
    model,
    messages: [
      { role: 'system', content: 'Answer briefly.' },
      { role: 'user', content: 'Hello from the openai SDK' },
    ],
    temperature: 0.2,
    max_tokens: 200,
  });
  const content = completion.choices?.[0]?.message?.content ?? '';
  summary.completion_content = content;
  summary.usage = completion.usage;
  check('completion', content.length > 0 && completion.object === 'chat.completion', JSON.stringify(completion));
  check('completion_usage', (completion.usage?.total_tokens ?? 0) > 0, JSON.stringify(completion.usage));

  // streamed completion
  const stream = await client.chat.completions.create({
    model,
    messages: [{ role: 'user', content: 'Stream to the openai SDK' }],
    stream: true,
    stream_options: { include_usage: true },
  });
  let streamed = '';
  let chunks = 0;
  let finish = null;
  let streamUsage = null;
  for await (const chunk of stream) {
    chunks++;
    const choice = chunk.choices?.[0];
    if (choice?.delta?.content) streamed += choice.delta.content;
    if (choice?.finish_reason) finish = choice.finish_reason;
    if (chunk.usage) streamUsage = chunk.usage;
  }
  summary.streamed_content = streamed;
  summary.stream_chunks = chunks;
  check('stream', streamed.length > 0 && finish === 'stop', `content=${JSON.stringify(streamed)} finish=${finish}`);
  check('stream_usage', (streamUsage?.total_tokens ?? 0) > 0, JSON.stringify(streamUsage));

  // a model the caller does not own: an APIError with status 403
  if (!foreignModel) {
    check('not_owner', false, 'PANTHERA_FOREIGN_MODEL is not set');
  } else {
    try {
      await client.chat.completions.create({ model: foreignModel, messages: [{ role: 'user', content: 'hi' }] });
      check('not_owner', false, 'no error thrown');
    } catch (e) {
      summary.not_owner_message = e?.message;
      check(
        'not_owner',
        e instanceof OpenAI.APIError && e.status === 403 && e.error?.code === 'NOT_OWNER',
        `${e?.constructor?.name} status=${e?.status} message=${e?.message}`,
      );
    }
    // and a streamed call fails the same way, before any chunk
    try {
      const s = await client.chat.completions.create({
        model: foreignModel,
        messages: [{ role: 'user', content: 'hi' }],
        stream: true,
      });
      for await (const _ of s) {
        // nothing expected
      }
      check('not_owner_stream', false, 'no error thrown');
    } catch (e) {
      check('not_owner_stream', e instanceof OpenAI.APIError && e.status === 403, `status=${e?.status}`);
    }
  }
  summary.ok = Object.values(summary.checks).every((v) => v === true);
}

try {
  await main();
} catch (e) {
  summary.error = `${e?.constructor?.name}: ${e?.message}`;
  summary.ok = false;
}
console.log(JSON.stringify(summary));
process.exit(summary.ok ? 0 : 1);
