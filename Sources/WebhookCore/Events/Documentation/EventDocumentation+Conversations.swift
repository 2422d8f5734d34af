extension EventDocumentation {
    /// `conversation.started` (seed 002 `conversation.started`, seed 003 `conversation.created`).
    static let conversationStarted = EventDocumentation(
        "conversation.started",
        description: "A visitor started a conversation. Seed 002 (conversation.started) and seed 003 (conversation.created).",
        required: ["conversation_id"],
        properties: [
            "conversation_id": ["type": ["string", "integer"], "description": "A string on this platform; seed 002 shows integers."],
            "visitor_name": ["type": ["string", "null"]],
            "visitor_email": ["type": ["string", "null"], "format": "email"],
            "visitor_phone": ["type": ["string", "null"]],
            "visitor_ip": ["type": ["string", "null"]],
            "current_url": ["type": ["string", "null"], "description": "The page the visitor was on, a URL."],
            "status": ["type": "string", "description": "The conversation's status: open when it starts."],
            "created_at": ["type": "string", "format": "date-time"],
        ],
        example: [
            "conversation_id": "conv_xyz",
            "visitor_name": "John Doe",
            "visitor_email": "john@example.com",
            "visitor_phone": "+1234567890",
            "visitor_ip": "192.168.1.100",
            "current_url": "https://example.com/products",
            "status": "open",
            "created_at": "2025-01-15T10:30:00.000Z",
        ])

    /// `conversation.escalated` (seed 001 `CONVERSATION_ESCALATED`, seed 003 `conversation.needs_human`).
    static let conversationEscalated = EventDocumentation(
        "conversation.escalated",
        description: """
            A conversation was handed to a human. Seed 001 (CONVERSATION_ESCALATED) and seed 003 \
            (conversation.needs_human).
            """,
        required: ["conversation_id"],
        properties: [
            "conversation_id": ["type": "string"],
            "chatbotId": ["type": "string"],
            "threadId": ["type": "string", "description": "The conversation's id (seed 001's name)."],
            "dashboardUrl": ["type": "string", "description": "The conversation in the dashboard, a URL."],
            "reason": ["type": ["string", "null"], "description": "Why the AI flagged it, when known."],
            "visitor_name": ["type": ["string", "null"]],
            "visitor_email": ["type": ["string", "null"], "format": "email"],
            "user": [
                "type": ["object", "null"],
                "description": "The visitor's contact details; null if escalated before they gave any (seed 001).",
                "required": ["id"],
                "properties": [
                    "id": ["type": "string"],
                    "email": ["type": ["string", "null"], "format": "email"],
                    "name": ["type": ["string", "null"]],
                    "phone": ["type": ["string", "null"]],
                    "verified": ["type": "boolean"],
                    "createdAt": ["type": "string", "format": "date-time"],
                ],
                "additionalProperties": true,
            ],
        ],
        example: [
            "conversation_id": "conv_xyz",
            "chatbotId": "chatbot_123",
            "threadId": "conv_xyz",
            "dashboardUrl": "https://app.example.com/chatbots/chatbot_123/conversations/conv_xyz",
            "reason": "The visitor asked to talk to a person.",
            "visitor_name": "John Doe",
            "visitor_email": "user@example.com",
            "user": [
                "id": "user_321",
                "email": "user@example.com",
                "name": "John Doe",
                "phone": "+1234567890",
                "verified": true,
                "createdAt": "2024-01-15T10:25:00.000Z",
            ],
        ])

    /// `conversation.ended` (seed 000 `conversation_ended`, seed 003 `conversation.closed`).
    static let conversationEnded = EventDocumentation(
        "conversation.ended",
        description: """
            A conversation was closed, with its outcome. Seed 000 (conversation_ended): data.conversation; seed 003 \
            (conversation.closed): conversation_id, status, closed_at, closed_by.
            """,
        required: ["conversation"],
        properties: [
            "conversation": [
                "type": "object",
                "required": ["id", "outcome"],
                "properties": [
                    "id": ["type": "string"],
                    "startedAt": ["type": "string", "format": "date-time"],
                    "endedAt": ["type": "string", "format": "date-time"],
                    "outcome": ["enum": ["lead_captured", "handoff_requested", "resolved", "abandoned"]],
                    "messageCount": ["type": "integer", "minimum": 0],
                    "firstMessage": ["type": ["string", "null"]],
                ],
                "additionalProperties": true,
            ],
            "conversation_id": ["type": "string", "description": "Same as conversation.id (seed 003's name)."],
            "status": ["type": "string", "description": "closed."],
            "closed_at": ["type": "string", "format": "date-time"],
            "closed_by": [
                "type": ["object", "null"],
                "description": "Who closed it; null when it ended on its own (abandoned).",
                "required": ["type"],
                "properties": [
                    "type": ["enum": ["agent", "ai", "visitor", "system"]],
                    "id": ["type": ["string", "null"]],
                    "name": ["type": ["string", "null"]],
                ],
                "additionalProperties": true,
            ],
        ],
        example: [
            "conversation": [
                "id": "conv_123",
                "startedAt": "2025-01-15T10:30:00.000Z",
                "endedAt": "2025-01-15T10:45:00.000Z",
                "outcome": "lead_captured",
                "messageCount": 8,
                "firstMessage": "Hi, I'm interested in your enterprise plan",
            ],
            "conversation_id": "conv_123",
            "status": "closed",
            "closed_at": "2025-01-15T10:45:00.000Z",
            "closed_by": ["type": "agent", "id": "agent_42", "name": "Maria Lopez"],
        ])
}
