extension EventDocumentation {
    /// `message.created` (seed 001 `ADD_MESSAGE`, seed 002 `message.received`, seed 003 `message.created`).
    static let messageCreated = EventDocumentation(
        "message.created",
        description: """
            A message was added to a conversation by the visitor, an agent, the AI or the system. Seed 001 \
            (ADD_MESSAGE), seed 002 (message.received) and seed 003 (message.created); names from each seed are \
            kept, so some carry the same value (threadId = conversation_id, body = content).
            """,
        required: ["message_id", "conversation_id"],
        properties: merged([
            "message_id": stringOrIntegerID,
            "conversation_id": stringOrIntegerID,
            "chatbotId": string,
            "threadId": ["type": "string", "description": "The conversation's id (seed 001's name)."],
            "sender_type": ["enum": ["visitor", "agent", "ai", "system"]],
            "body": ["type": "string", "description": "The message text (seed 003's name)."],
            "content": ["type": "string", "description": "The message text (seed 002's name)."],
            "question": ["type": ["string", "null"], "description": "The visitor's question; null for agent messages (seed 001)."],
            "answer": [
                "type": ["string", "null"],
                "description": "The chatbot's or agent's answer; null for visitor messages (seed 001).",
            ],
            "messageType": ["type": "string", "description": "e.g. NORMAL_MESSAGE (seed 001)."],
            "systemMessageType": nullableString,
            "gptModel": ["type": ["string", "null"], "description": "The model that answered, e.g. gpt-4o-mini."],
            "sources": ["type": "array", "items": string, "description": "URLs the answer drew on."],
            "is_from_admin": ["type": "boolean", "description": "Whether a human agent wrote it (seed 002)."],
            "admin_name": nullableString,
            "agentId": nullableString,
            "agentName": nullableString,
            "iconUrl": nullableString,
        ], visitorProperties, [
            "status": ["type": "string", "description": "The conversation's status, e.g. open."],
            "created_at": dateTime,
        ]),
        example: merged([
            "message_id": "msg_123",
            "conversation_id": "conv_xyz",
            "chatbotId": "chatbot_123",
            "threadId": "conv_xyz",
            "sender_type": "ai",
            "body": exampleAnswer,
            "content": exampleAnswer,
            "question": "How do I reset my password?",
            "answer": exampleAnswer,
            "messageType": "NORMAL_MESSAGE",
            "systemMessageType": .null,
            "gptModel": "gpt-4o-mini",
            "sources": ["https://example.com/docs/page1", "https://example.com/docs/page2"],
            "is_from_admin": false,
            "admin_name": .null,
            "agentId": .null,
            "agentName": .null,
            "iconUrl": .null,
        ], exampleVisitor, [
            "status": "open",
            "created_at": "2025-01-15T10:31:00.000Z",
        ]))

    /// The text of `message.created`'s example, under each seed's name for it (body, content, answer).
    private static let exampleAnswer: JSONValue = "To reset your password, click on 'Forgot Password' on the login page."
}
