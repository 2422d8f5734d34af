extension EventDocumentation {
    /// `conversation.started` (seed 002 `conversation.started`, seed 003 `conversation.created`).
    static let conversationStarted = EventDocumentation(
        "conversation.started",
        description: "A visitor started a conversation. Seed 002 (conversation.started) and seed 003 (conversation.created).",
        required: ["conversation_id"],
        properties: merged(["conversation_id": stringOrIntegerID], visitorProperties, [
            // Merged into visitorProperties' current_url, after its type.
            "current_url": ["description": "The page the visitor was on, a URL."],
            "status": ["type": "string", "description": "The conversation's status: open when it starts."],
            "created_at": dateTime,
        ]),
        example: merged(["conversation_id": "conv_xyz"], exampleVisitor, [
            "status": "open",
            "created_at": "2025-01-15T10:30:00.000Z",
        ]))

    /// `conversation.escalated` (seed 001 `CONVERSATION_ESCALATED`, seed 003 `conversation.needs_human`).
    static let conversationEscalated = EventDocumentation(
        "conversation.escalated",
        description: """
            A conversation was handed to a human: the conversation, why, and the visitor's contact details (user, \
            null when unknown). Seed 001 (CONVERSATION_ESCALATED) receives conversation_id as threadId with a \
            dashboardUrl; seed 003 (conversation.needs_human) receives the user's name and email as visitor_name and \
            visitor_email.
            """,
        required: ["conversation_id"],
        properties: [
            "conversation_id": string,
            "reason": ["type": ["string", "null"], "description": "Why the AI flagged it, when known."],
            "dashboardUrl": [
                "type": ["string", "null"],
                "description": "The conversation in the dashboard, a URL; when absent, formats that carry one build it.",
            ],
            "user": openObject(
                nullable: true,
                description: "The visitor's contact details; null if escalated before they gave any (seed 001).",
                required: ["id"],
                properties: [
                    "id": string,
                    "email": nullableEmail,
                    "name": nullableString,
                    "phone": nullableString,
                    "verified": ["type": "boolean"],
                    "createdAt": dateTime,
                ]),
        ],
        example: [
            "conversation_id": "conv_xyz",
            "reason": "The visitor asked to talk to a person.",
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
            A conversation was closed, with its outcome (data.conversation, as seed 000's conversation_ended sends \
            it) and who closed it. Seed 003 (conversation.closed) receives conversation_id, status, closed_at (from \
            conversation.endedAt) and closed_by.
            """,
        required: ["conversation"],
        properties: [
            "conversation": openObject(
                required: ["id", "outcome"],
                properties: [
                    "id": string,
                    "startedAt": dateTime,
                    "endedAt": dateTime,
                    "outcome": ["enum": ["lead_captured", "handoff_requested", "resolved", "abandoned"]],
                    "messageCount": ["type": "integer", "minimum": 0],
                    "firstMessage": nullableString,
                ]),
            "closed_by": openObject(
                nullable: true,
                description: "Who closed it; null when it ended on its own (abandoned).",
                required: ["type"],
                properties: [
                    "type": ["enum": ["agent", "ai", "visitor", "system"]],
                    "id": nullableString,
                    "name": nullableString,
                ]),
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
            "closed_by": ["type": "agent", "id": "agent_42", "name": "Maria Lopez"],
        ])
}
