import crypto from 'crypto';

function verify(req) {
  const sig = req.headers['x-agentbot-signature'];   // "t=123,v1=hash"
  const [tPart, vPart] = sig.split(',');
  const t = tPart.slice(2);
  const v1 = vPart.slice(3);

  const expected = crypto
    .createHmac('sha256', process.env.AGENTBOT_SECRET)
    .update(`${t}.${JSON.stringify(req.body)}`)
    .digest('hex');

  return crypto.timingSafeEqual(Buffer.from(v1), Buffer.from(expected));
}
