/// The documented shape of each event type's `data`: a JSON Schema (draft 2020-12) and an example that validates
/// against it, as JSON text. `GET /api/v1/event-types` serves both; `EventType.validate(data:for:)` enforces the
/// schema's core (see there).
///
/// One shape per type merges every field the seeds show for that event, under the seeds' own names, so a receiver
/// written from any seed's docs finds what it reads (`data.threadId`, `data.conversation_id`,
/// `data.visitor.email`, `data.leadDetails.name`, ...). Where two seeds name the same thing differently, both
/// names are present with the same value (`threadId` = `conversation_id`, `body` = `content`). Ids are strings
/// on this platform; where a seed shows numeric ids (seed 002) the schema allows integers too.
///
/// Seed 003 documents payloads only for `message.created`; its `conversation.created`, `conversation.closed`,
/// `conversation.needs_human` and `ticket.*` fields here follow that example's style (snake_case, string ids,
/// `conversation_id`, `visitor_*`) and are this product's decision.
///
/// Every schema is an object schema with `additionalProperties: true` at the `data` level (products add custom
/// fields; seed 001's `leadDetails` carries the lead form's custom fields), types every listed field, allows
/// `null` where a value can be unknown, and requires only the identifiers a receiver keys on.
enum EventDocumentation {
    /// Schema and example for each canonical name.
    static let byName: [String: (schema: String, example: String)] = [
        "visitor.created": (visitorCreatedSchema, visitorCreatedExample),
        "conversation.started": (conversationStartedSchema, conversationStartedExample),
        "message.created": (messageCreatedSchema, messageCreatedExample),
        "conversation.escalated": (conversationEscalatedSchema, conversationEscalatedExample),
        "conversation.ended": (conversationEndedSchema, conversationEndedExample),
        "lead.created": (leadCreatedSchema, leadCreatedExample),
        "lead.updated": (leadUpdatedSchema, leadUpdatedExample),
        "ticket.created": (ticketCreatedSchema, ticketCreatedExample),
        "ticket.updated": (ticketUpdatedSchema, ticketUpdatedExample),
        "webhook.test": (webhookTestSchema, webhookTestExample),
    ]

    /// For a type without documentation (none in the catalogue): any object.
    static let fallbackSchema = #"""
        {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object", "additionalProperties": true}
        """#

    // MARK: visitor.created (seed 000 visitor_created)

    static let visitorCreatedSchema = #"""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "title": "visitor.created data",
          "description": "A new visitor submitted the lead form. Seed 000 (visitor_created): data.visitor.",
          "type": "object",
          "required": ["visitor"],
          "properties": {
            "visitor": {
              "type": "object",
              "required": ["id"],
              "properties": {
                "id": {"type": "string"},
                "name": {"type": ["string", "null"]},
                "email": {"type": ["string", "null"], "format": "email"},
                "phone": {"type": ["string", "null"]},
                "company": {"type": ["string", "null"]},
                "jobTitle": {"type": ["string", "null"]},
                "country": {"type": ["string", "null"], "description": "ISO 3166-1 alpha-2 code, e.g. US."},
                "city": {"type": ["string", "null"]},
                "referrer": {"type": ["string", "null"], "description": "The page that sent the visitor, a URL."},
                "firstSeenAt": {"type": "string", "format": "date-time"},
                "lastSeenAt": {"type": "string", "format": "date-time"},
                "interests": {"type": "array", "items": {"type": "string"}},
                "qualityScore": {"type": ["integer", "null"], "minimum": 0, "maximum": 100},
                "urgencyScore": {"type": ["integer", "null"], "minimum": 0, "maximum": 100}
              },
              "additionalProperties": true
            }
          },
          "additionalProperties": true
        }
        """#

    static let visitorCreatedExample = #"""
        {
          "visitor": {
            "id": "vis_xyz",
            "name": "Jane Smith",
            "email": "jane@example.com",
            "phone": "+1 555 000 0000",
            "company": "Acme Corp",
            "jobTitle": "Marketing Manager",
            "country": "US",
            "city": "New York",
            "referrer": "https://google.com",
            "firstSeenAt": "2025-01-15T10:29:55.000Z",
            "lastSeenAt": "2025-01-15T10:30:00.000Z",
            "interests": ["pricing", "enterprise"],
            "qualityScore": 82,
            "urgencyScore": 65
          }
        }
        """#

    // MARK: conversation.started (seed 002 conversation.started, seed 003 conversation.created)

    static let conversationStartedSchema = #"""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "title": "conversation.started data",
          "description": "A visitor started a conversation. Seed 002 (conversation.started) and seed 003 (conversation.created).",
          "type": "object",
          "required": ["conversation_id"],
          "properties": {
            "conversation_id": {"type": ["string", "integer"], "description": "A string on this platform; seed 002 shows integers."},
            "visitor_name": {"type": ["string", "null"]},
            "visitor_email": {"type": ["string", "null"], "format": "email"},
            "visitor_phone": {"type": ["string", "null"]},
            "visitor_ip": {"type": ["string", "null"]},
            "current_url": {"type": ["string", "null"], "description": "The page the visitor was on, a URL."},
            "status": {"type": "string", "description": "The conversation's status: open when it starts."},
            "created_at": {"type": "string", "format": "date-time"}
          },
          "additionalProperties": true
        }
        """#

    static let conversationStartedExample = #"""
        {
          "conversation_id": "conv_xyz",
          "visitor_name": "John Doe",
          "visitor_email": "john@example.com",
          "visitor_phone": "+1234567890",
          "visitor_ip": "192.168.1.100",
          "current_url": "https://example.com/products",
          "status": "open",
          "created_at": "2025-01-15T10:30:00.000Z"
        }
        """#

    // MARK: message.created (seed 001 ADD_MESSAGE, seed 002 message.received, seed 003 message.created)

    static let messageCreatedSchema = #"""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "title": "message.created data",
          "description": "A message was added to a conversation by the visitor, an agent, the AI or the system. Seed 001 (ADD_MESSAGE), seed 002 (message.received) and seed 003 (message.created); names from each seed are kept, so some carry the same value (threadId = conversation_id, body = content).",
          "type": "object",
          "required": ["message_id", "conversation_id"],
          "properties": {
            "message_id": {"type": ["string", "integer"], "description": "A string on this platform; seed 002 shows integers."},
            "conversation_id": {"type": ["string", "integer"], "description": "A string on this platform; seed 002 shows integers."},
            "chatbotId": {"type": "string"},
            "threadId": {"type": "string", "description": "The conversation's id (seed 001's name)."},
            "sender_type": {"enum": ["visitor", "agent", "ai", "system"]},
            "body": {"type": "string", "description": "The message text (seed 003's name)."},
            "content": {"type": "string", "description": "The message text (seed 002's name)."},
            "question": {"type": ["string", "null"], "description": "The visitor's question; null for agent messages (seed 001)."},
            "answer": {"type": ["string", "null"], "description": "The chatbot's or agent's answer; null for visitor messages (seed 001)."},
            "messageType": {"type": "string", "description": "e.g. NORMAL_MESSAGE (seed 001)."},
            "systemMessageType": {"type": ["string", "null"]},
            "gptModel": {"type": ["string", "null"], "description": "The model that answered, e.g. gpt-4o-mini."},
            "sources": {"type": "array", "items": {"type": "string"}, "description": "URLs the answer drew on."},
            "is_from_admin": {"type": "boolean", "description": "Whether a human agent wrote it (seed 002)."},
            "admin_name": {"type": ["string", "null"]},
            "agentId": {"type": ["string", "null"]},
            "agentName": {"type": ["string", "null"]},
            "iconUrl": {"type": ["string", "null"]},
            "visitor_name": {"type": ["string", "null"]},
            "visitor_email": {"type": ["string", "null"], "format": "email"},
            "visitor_phone": {"type": ["string", "null"]},
            "visitor_ip": {"type": ["string", "null"]},
            "current_url": {"type": ["string", "null"]},
            "status": {"type": "string", "description": "The conversation's status, e.g. open."},
            "created_at": {"type": "string", "format": "date-time"}
          },
          "additionalProperties": true
        }
        """#

    static let messageCreatedExample = #"""
        {
          "message_id": "msg_123",
          "conversation_id": "conv_xyz",
          "chatbotId": "chatbot_123",
          "threadId": "conv_xyz",
          "sender_type": "ai",
          "body": "To reset your password, click on 'Forgot Password' on the login page.",
          "content": "To reset your password, click on 'Forgot Password' on the login page.",
          "question": "How do I reset my password?",
          "answer": "To reset your password, click on 'Forgot Password' on the login page.",
          "messageType": "NORMAL_MESSAGE",
          "systemMessageType": null,
          "gptModel": "gpt-4o-mini",
          "sources": ["https://example.com/docs/page1", "https://example.com/docs/page2"],
          "is_from_admin": false,
          "admin_name": null,
          "agentId": null,
          "agentName": null,
          "iconUrl": null,
          "visitor_name": "John Doe",
          "visitor_email": "john@example.com",
          "visitor_phone": "+1234567890",
          "visitor_ip": "192.168.1.100",
          "current_url": "https://example.com/products",
          "status": "open",
          "created_at": "2025-01-15T10:31:00.000Z"
        }
        """#

    // MARK: conversation.escalated (seed 001 CONVERSATION_ESCALATED, seed 003 conversation.needs_human)

    static let conversationEscalatedSchema = #"""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "title": "conversation.escalated data",
          "description": "A conversation was handed to a human. Seed 001 (CONVERSATION_ESCALATED) and seed 003 (conversation.needs_human).",
          "type": "object",
          "required": ["conversation_id"],
          "properties": {
            "conversation_id": {"type": "string"},
            "chatbotId": {"type": "string"},
            "threadId": {"type": "string", "description": "The conversation's id (seed 001's name)."},
            "dashboardUrl": {"type": "string", "description": "The conversation in the dashboard, a URL."},
            "reason": {"type": ["string", "null"], "description": "Why the AI flagged it, when known."},
            "visitor_name": {"type": ["string", "null"]},
            "visitor_email": {"type": ["string", "null"], "format": "email"},
            "user": {
              "type": ["object", "null"],
              "description": "The visitor's contact details; null if escalated before they gave any (seed 001).",
              "required": ["id"],
              "properties": {
                "id": {"type": "string"},
                "email": {"type": ["string", "null"], "format": "email"},
                "name": {"type": ["string", "null"]},
                "phone": {"type": ["string", "null"]},
                "verified": {"type": "boolean"},
                "createdAt": {"type": "string", "format": "date-time"}
              },
              "additionalProperties": true
            }
          },
          "additionalProperties": true
        }
        """#

    static let conversationEscalatedExample = #"""
        {
          "conversation_id": "conv_xyz",
          "chatbotId": "chatbot_123",
          "threadId": "conv_xyz",
          "dashboardUrl": "https://app.example.com/chatbots/chatbot_123/conversations/conv_xyz",
          "reason": "The visitor asked to talk to a person.",
          "visitor_name": "John Doe",
          "visitor_email": "user@example.com",
          "user": {
            "id": "user_321",
            "email": "user@example.com",
            "name": "John Doe",
            "phone": "+1234567890",
            "verified": true,
            "createdAt": "2024-01-15T10:25:00.000Z"
          }
        }
        """#

    // MARK: conversation.ended (seed 000 conversation_ended, seed 003 conversation.closed)

    static let conversationEndedSchema = #"""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "title": "conversation.ended data",
          "description": "A conversation was closed, with its outcome. Seed 000 (conversation_ended): data.conversation; seed 003 (conversation.closed): conversation_id, status, closed_at, closed_by.",
          "type": "object",
          "required": ["conversation"],
          "properties": {
            "conversation": {
              "type": "object",
              "required": ["id", "outcome"],
              "properties": {
                "id": {"type": "string"},
                "startedAt": {"type": "string", "format": "date-time"},
                "endedAt": {"type": "string", "format": "date-time"},
                "outcome": {"enum": ["lead_captured", "handoff_requested", "resolved", "abandoned"]},
                "messageCount": {"type": "integer", "minimum": 0},
                "firstMessage": {"type": ["string", "null"]}
              },
              "additionalProperties": true
            },
            "conversation_id": {"type": "string", "description": "Same as conversation.id (seed 003's name)."},
            "status": {"type": "string", "description": "closed."},
            "closed_at": {"type": "string", "format": "date-time"},
            "closed_by": {
              "type": ["object", "null"],
              "description": "Who closed it; null when it ended on its own (abandoned).",
              "required": ["type"],
              "properties": {
                "type": {"enum": ["agent", "ai", "visitor", "system"]},
                "id": {"type": ["string", "null"]},
                "name": {"type": ["string", "null"]}
              },
              "additionalProperties": true
            }
          },
          "additionalProperties": true
        }
        """#

    static let conversationEndedExample = #"""
        {
          "conversation": {
            "id": "conv_123",
            "startedAt": "2025-01-15T10:30:00.000Z",
            "endedAt": "2025-01-15T10:45:00.000Z",
            "outcome": "lead_captured",
            "messageCount": 8,
            "firstMessage": "Hi, I'm interested in your enterprise plan"
          },
          "conversation_id": "conv_123",
          "status": "closed",
          "closed_at": "2025-01-15T10:45:00.000Z",
          "closed_by": {"type": "agent", "id": "agent_42", "name": "Maria Lopez"}
        }
        """#

    // MARK: lead.created (seed 004 LEAD_CREATED, seed 001 NEW_LEAD_CAPTURE), lead.updated (seed 004 LEAD_UPDATED)

    /// The lead's properties, shared by `lead.created` and `lead.updated`: seed 004's flat lead at the top level,
    /// with seed 001's `chatbotName`, `dashboardUrl` and `leadDetails`.
    private static let leadProperties = #"""
            "id": {"type": "string"},
            "name": {"type": ["string", "null"]},
            "email": {"type": ["string", "null"], "format": "email"},
            "phone": {"type": ["string", "null"]},
            "company": {"type": ["string", "null"]},
            "message": {"type": ["string", "null"], "description": "What the visitor wrote in the lead form."},
            "preferredMethod": {"type": ["string", "null"], "description": "How the lead wants to be contacted, e.g. email or phone."},
            "urgency": {"type": ["string", "null"], "description": "e.g. low, medium, high."},
            "source": {"type": ["string", "null"], "description": "Where it was captured, e.g. chat_widget."},
            "status": {"type": "string", "description": "e.g. NEW, CONTACTED, QUALIFIED, CONVERTED, LOST."},
            "priority": {"type": ["string", "null"], "description": "e.g. LOW, MEDIUM, HIGH."},
            "tags": {"type": "array", "items": {"type": "string"}},
            "customFields": {"type": "object", "additionalProperties": true, "description": "The lead form's custom fields."},
            "chatbotId": {"type": "string"},
            "chatbotName": {"type": ["string", "null"]},
            "dashboardUrl": {"type": ["string", "null"], "description": "The lead in the dashboard, a URL."},
            "createdAt": {"type": "string", "format": "date-time"},
            "updatedAt": {"type": "string", "format": "date-time"},
            "leadDetails": {
              "type": "object",
              "description": "Seed 001's view of the lead: contact fields plus the lead form's custom fields as members.",
              "required": ["id"],
              "properties": {
                "id": {"type": "string"},
                "name": {"type": ["string", "null"]},
                "email": {"type": ["string", "null"], "format": "email"},
                "phone": {"type": ["string", "null"]},
                "capturedAt": {"type": "string", "format": "date-time"}
              },
              "additionalProperties": true
            }
        """#

    static let leadCreatedSchema = #"""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "title": "lead.created data",
          "description": "A lead was captured. Seed 004 (LEAD_CREATED): the lead at the top level; seed 001 (NEW_LEAD_CAPTURE): chatbotId, chatbotName, dashboardUrl, leadDetails.",
          "type": "object",
          "required": ["id"],
          "properties": {
        """# + leadProperties + #"""
          },
          "additionalProperties": true
        }
        """#

    static let leadCreatedExample = #"""
        {
          "id": "lead_789",
          "name": "John Doe",
          "email": "john@example.com",
          "phone": "+1234567890",
          "company": "Acme Corp",
          "message": "Interested in your services",
          "preferredMethod": "email",
          "urgency": "medium",
          "source": "chat_widget",
          "status": "NEW",
          "priority": "MEDIUM",
          "tags": ["website", "inquiry"],
          "customFields": {"budget": "10000", "timeline": "Q1 2024"},
          "chatbotId": "chatbot_123",
          "chatbotName": "Support Bot",
          "dashboardUrl": "https://app.example.com/chatbots/chatbot_123/leads/lead_789",
          "createdAt": "2023-11-04T15:30:56.789Z",
          "updatedAt": "2023-11-04T15:30:56.789Z",
          "leadDetails": {
            "id": "lead_789",
            "name": "John Doe",
            "email": "john@example.com",
            "phone": "+1234567890",
            "capturedAt": "2023-11-04T15:30:56.789Z",
            "budget": "10000",
            "timeline": "Q1 2024"
          }
        }
        """#

    static let leadUpdatedSchema = #"""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "title": "lead.updated data",
          "description": "A lead changed. The lead as after the change, in lead.created's shape (seed 004 LEAD_UPDATED), and changes: for each changed field, its previous and new value.",
          "type": "object",
          "required": ["id"],
          "properties": {
        """# + leadProperties + #"""
            ,
            "changes": {
              "type": "object",
              "additionalProperties": {
                "type": "object",
                "required": ["from", "to"],
                "properties": {"from": true, "to": true}
              }
            }
          },
          "additionalProperties": true
        }
        """#

    static let leadUpdatedExample = #"""
        {
          "id": "lead_789",
          "name": "John Doe",
          "email": "john@example.com",
          "phone": "+1234567890",
          "company": "Acme Corp",
          "message": "Interested in your services",
          "preferredMethod": "email",
          "urgency": "high",
          "source": "chat_widget",
          "status": "CONTACTED",
          "priority": "HIGH",
          "tags": ["website", "inquiry", "enterprise"],
          "customFields": {"budget": "25000", "timeline": "Q1 2024"},
          "chatbotId": "chatbot_123",
          "chatbotName": "Support Bot",
          "dashboardUrl": "https://app.example.com/chatbots/chatbot_123/leads/lead_789",
          "createdAt": "2023-11-04T15:30:56.789Z",
          "updatedAt": "2023-11-05T09:12:00.000Z",
          "leadDetails": {
            "id": "lead_789",
            "name": "John Doe",
            "email": "john@example.com",
            "phone": "+1234567890",
            "capturedAt": "2023-11-04T15:30:56.789Z",
            "budget": "25000",
            "timeline": "Q1 2024"
          },
          "changes": {
            "status": {"from": "NEW", "to": "CONTACTED"},
            "priority": {"from": "MEDIUM", "to": "HIGH"}
          }
        }
        """#

    // MARK: ticket.created, ticket.updated (seed 003)

    /// The ticket's properties, shared by `ticket.created` and `ticket.updated`.
    private static let ticketProperties = #"""
            "ticket_id": {"type": "string"},
            "conversation_id": {"type": ["string", "null"], "description": "The conversation it was filed from; null for a ticket filed by hand outside one."},
            "subject": {"type": "string"},
            "description": {"type": ["string", "null"]},
            "status": {"type": "string", "description": "e.g. open, pending, resolved, closed."},
            "priority": {"type": "string", "description": "e.g. low, medium, high, urgent."},
            "assignee": {
              "type": ["object", "null"],
              "description": "The agent it is assigned to; null when unassigned.",
              "required": ["id"],
              "properties": {
                "id": {"type": "string"},
                "name": {"type": ["string", "null"]},
                "email": {"type": ["string", "null"], "format": "email"}
              },
              "additionalProperties": true
            },
            "source": {"enum": ["ai", "manual"], "description": "Filed by the AI or by hand (seed 003)."},
            "visitor_name": {"type": ["string", "null"]},
            "visitor_email": {"type": ["string", "null"], "format": "email"},
            "created_at": {"type": "string", "format": "date-time"},
            "updated_at": {"type": "string", "format": "date-time"}
        """#

    static let ticketCreatedSchema = #"""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "title": "ticket.created data",
          "description": "A ticket was filed, by the AI or by hand (seed 003 ticket.created).",
          "type": "object",
          "required": ["ticket_id"],
          "properties": {
        """# + ticketProperties + #"""
          },
          "additionalProperties": true
        }
        """#

    static let ticketCreatedExample = #"""
        {
          "ticket_id": "tkt_123",
          "conversation_id": "conv_xyz",
          "subject": "Refund for order #1042",
          "description": "The visitor was charged twice for order #1042 and asks for a refund.",
          "status": "open",
          "priority": "medium",
          "assignee": null,
          "source": "ai",
          "visitor_name": "John Doe",
          "visitor_email": "john@example.com",
          "created_at": "2026-05-17T12:35:10.000Z",
          "updated_at": "2026-05-17T12:35:10.000Z"
        }
        """#

    static let ticketUpdatedSchema = #"""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "title": "ticket.updated data",
          "description": "A ticket's status, priority or assignee changed (seed 003 ticket.updated): the ticket as after the change, in ticket.created's shape, and changes: for each changed field, its previous and new value.",
          "type": "object",
          "required": ["ticket_id"],
          "properties": {
        """# + ticketProperties + #"""
            ,
            "changes": {
              "type": "object",
              "additionalProperties": {
                "type": "object",
                "required": ["from", "to"],
                "properties": {"from": true, "to": true}
              }
            }
          },
          "additionalProperties": true
        }
        """#

    static let ticketUpdatedExample = #"""
        {
          "ticket_id": "tkt_123",
          "conversation_id": "conv_xyz",
          "subject": "Refund for order #1042",
          "description": "The visitor was charged twice for order #1042 and asks for a refund.",
          "status": "pending",
          "priority": "high",
          "assignee": {"id": "agent_42", "name": "Maria Lopez", "email": "maria@example.com"},
          "source": "ai",
          "visitor_name": "John Doe",
          "visitor_email": "john@example.com",
          "created_at": "2026-05-17T12:35:10.000Z",
          "updated_at": "2026-05-17T13:02:44.000Z",
          "changes": {
            "status": {"from": "open", "to": "pending"},
            "priority": {"from": "medium", "to": "high"},
            "assignee": {"from": null, "to": {"id": "agent_42", "name": "Maria Lopez", "email": "maria@example.com"}}
          }
        }
        """#

    // MARK: webhook.test

    static let webhookTestSchema = #"""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "title": "webhook.test data",
          "description": "A test send from the dashboard (POST .../webhooks/{id}/test), delivered with X-Webhook-Test: true.",
          "type": "object",
          "required": ["message"],
          "properties": {
            "message": {"type": "string"},
            "webhookId": {"type": "string", "description": "The webhook the test was sent to."}
          },
          "additionalProperties": true
        }
        """#

    static let webhookTestExample = #"""
        {
          "message": "This is a test event from your webhook settings.",
          "webhookId": "5b0c7a3e-2f4d-4c1e-9a7b-1d2e3f4a5b6c"
        }
        """#
}
