-- wrk script: POSTs what a delivery looks like on the wire (the same envelope size and headers as webhooksd's
-- deliveries in Benchmarks/run: a ~600-byte message.created envelope signed with the Standard Webhooks scheme), to
-- measure the receiver's raw request rate. Nothing here is really signed; the receiver does not check.
local data = '{"message_id":"msg_000123","conversation_id":"conv_000042","threadId":"conv_000042",'
  .. '"sender_type":"ai","body":"To reset your password, click on \'Forgot Password\' on the login page.",'
  .. '"question":"How do I reset my password?","messageType":"NORMAL_MESSAGE","gptModel":"gpt-4o-mini",'
  .. '"sources":["https://example.com/docs/page1"],"visitor_name":"John Doe","visitor_email":"john@example.com",'
  .. '"current_url":"https://example.com/products","status":"open","created_at":"2025-01-15T10:31:00.000Z"}'
local id = "5f0c1c52-3f1e-4c53-9a57-8d1f3c2b7a10"

wrk.method = "POST"
wrk.body = '{"id":"' .. id .. '","event":"message.created","timestamp":"2026-11-23T22:00:00.000Z",'
  .. '"chatbotId":"0b3f0d2e-6a4c-4e0b-8f5e-1c9d2a7b6e31","data":' .. data .. '}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["User-Agent"] = "ChatbotWebhooks/1.0"
wrk.headers["X-Webhook-Event"] = "message.created"
wrk.headers["X-Webhook-Timestamp"] = "1795471200"
wrk.headers["X-Webhook-Delivery-Id"] = id
wrk.headers["X-Webhook-Attempt"] = "1"
wrk.headers["webhook-id"] = id
wrk.headers["webhook-timestamp"] = "1795471200"
wrk.headers["webhook-signature"] = "v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4="
