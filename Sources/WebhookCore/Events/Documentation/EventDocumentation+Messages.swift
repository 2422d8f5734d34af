extension EventDocumentation {
    /// `message.created`: one message, its sender and its conversation's visitor, from which each format derives
    /// its own names (seed 001 `question`/`answer`, seed 002 `content`/`is_from_admin`, seed 003 `body`).
    static let messageCreated = EventDocumentation(
        "message.created",
        description: """
            A message was added to a conversation by the visitor, an agent, the AI or the system: its text (body), \
            who sent it (sender_type, and agentId/agentName for an agent) and, for an answer, the visitor message it \
            answers (inReplyTo). Formats derive their own names from these: seed 001 (ADD_MESSAGE) question and \
            answer, seed 002 (message.received) content and is_from_admin, seed 003 (message.created) body.
            """,
        required: ["conversation_id"],
        properties: merged([
            "message_id": stringOrIntegerID,
            "conversation_id": stringOrIntegerID,
            "sender_type": ["enum": ["visitor", "agent", "ai", "system"]],
            "body": ["type": ["string", "null"], "description": "The message text."],
            "inReplyTo": [
                "type": ["string", "null"],
                "description": "For an answer by the AI or an agent, the visitor's message it answers, when known.",
            ],
            "agentId": ["type": ["string", "null"], "description": "The agent who wrote it (sender_type agent)."],
            "agentName": nullableString,
            "iconUrl": ["type": ["string", "null"], "description": "The sender's avatar, a URL."],
            "messageType": ["type": "string", "description": "e.g. NORMAL_MESSAGE (seed 001)."],
            "systemMessageType": nullableString,
            "gptModel": ["type": ["string", "null"], "description": "The model that answered, e.g. gpt-4o-mini."],
            "sources": ["type": "array", "items": string, "description": "URLs the answer drew on."],
        ], visitorProperties, [
            "status": ["type": "string", "description": "The conversation's status, e.g. open."],
            "created_at": dateTime,
        ]),
        example: merged([
            "message_id": "msg_123",
            "conversation_id": "conv_xyz",
            "sender_type": "ai",
            "body": "To reset your password, click on 'Forgot Password' on the login page.",
            "inReplyTo": "How do I reset my password?",
            "agentId": .null,
            "agentName": .null,
            "iconUrl": .null,
            "messageType": "NORMAL_MESSAGE",
            "systemMessageType": .null,
            "gptModel": "gpt-4o-mini",
            "sources": ["https://example.com/docs/page1", "https://example.com/docs/page2"],
        ], exampleVisitor, [
            "status": "open",
            "created_at": "2025-01-15T10:31:00.000Z",
        ]))
}
