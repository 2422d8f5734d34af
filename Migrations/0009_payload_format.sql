-- How a webhook's deliveries are written: our envelope ('standard'), one of the seed documents' wire contracts
-- (suppabot, sitegpt, livechat, agentbot, pollybot), or a chat message (slack, discord).
ALTER TABLE webhooks ADD COLUMN payload_format text NOT NULL DEFAULT 'standard'
    CHECK (payload_format IN ('standard', 'suppabot', 'sitegpt', 'livechat', 'agentbot', 'pollybot', 'slack', 'discord'));
