-- The per-website settings form's named slots (seed 000's one endpoint, seed 001's three): each filled slot is an
-- ordinary webhook marked with its slot, at most one per chatbot and slot.
ALTER TABLE webhooks ADD COLUMN settings_slot text
    CHECK (settings_slot IN ('all', 'messages', 'escalations', 'leads'));
CREATE UNIQUE INDEX webhooks_settings_slot ON webhooks (tenant_id, chatbot_id, settings_slot)
    WHERE settings_slot IS NOT NULL;
