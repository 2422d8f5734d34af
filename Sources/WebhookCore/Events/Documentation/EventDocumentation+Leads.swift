extension EventDocumentation {
    /// `lead.created` (seed 004 `LEAD_CREATED`, seed 001 `NEW_LEAD_CAPTURE`): seed 004's flat lead at the top level,
    /// with seed 001's `chatbotName`, `dashboardUrl` and `leadDetails`.
    static let leadCreated = EventDocumentation(
        "lead.created",
        description: """
            A lead was captured. Seed 004 (LEAD_CREATED): the lead at the top level; seed 001 (NEW_LEAD_CAPTURE): \
            chatbotId, chatbotName, dashboardUrl, leadDetails.
            """,
        required: ["id"],
        properties: merged(contactProperties, [
            "company": nullableString,
            "message": ["type": ["string", "null"], "description": "What the visitor wrote in the lead form."],
            "preferredMethod": [
                "type": ["string", "null"], "description": "How the lead wants to be contacted, e.g. email or phone.",
            ],
            "urgency": ["type": ["string", "null"], "description": "e.g. low, medium, high."],
            "source": ["type": ["string", "null"], "description": "Where it was captured, e.g. chat_widget."],
            "status": ["type": "string", "description": "e.g. NEW, CONTACTED, QUALIFIED, CONVERTED, LOST."],
            "priority": ["type": ["string", "null"], "description": "e.g. LOW, MEDIUM, HIGH."],
            "tags": ["type": "array", "items": string],
            "customFields": ["type": "object", "additionalProperties": true, "description": "The lead form's custom fields."],
            "chatbotId": string,
            "chatbotName": nullableString,
            "dashboardUrl": ["type": ["string", "null"], "description": "The lead in the dashboard, a URL."],
            "createdAt": dateTime,
            "updatedAt": dateTime,
            "leadDetails": openObject(
                description: "Seed 001's view of the lead: contact fields plus the lead form's custom fields as members.",
                required: ["id"],
                properties: merged(contactProperties, ["capturedAt": dateTime])),
        ]),
        example: merged(exampleLead, [
            "company": "Acme Corp",
            "message": "Interested in your services",
            "preferredMethod": "email",
            "urgency": "medium",
            "source": "chat_widget",
            "status": "NEW",
            "priority": "MEDIUM",
            "tags": ["website", "inquiry"],
            "customFields": ["budget": "10000", "timeline": "Q1 2024"],
            "chatbotId": "chatbot_123",
            "chatbotName": "Support Bot",
            "dashboardUrl": "https://app.example.com/chatbots/chatbot_123/leads/lead_789",
            "createdAt": "2023-11-04T15:30:56.789Z",
            "updatedAt": "2023-11-04T15:30:56.789Z",
            "leadDetails": merged(exampleLead, [
                "capturedAt": "2023-11-04T15:30:56.789Z",
                "budget": "10000",
                "timeline": "Q1 2024",
            ]),
        ]))

    /// `lead.updated` (seed 004 `LEAD_UPDATED`): `lead.created`'s lead as after the change, and `changes`.
    static let leadUpdated = leadCreated.updated(
        as: "lead.updated",
        description: """
            A lead changed. The lead as after the change, in lead.created's shape (seed 004 LEAD_UPDATED), and \
            changes: for each changed field, its previous and new value.
            """,
        example: [
            "urgency": "high",
            "status": "CONTACTED",
            "priority": "HIGH",
            "tags": ["website", "inquiry", "enterprise"],
            "customFields": ["budget": "25000"],
            "updatedAt": "2023-11-05T09:12:00.000Z",
            "leadDetails": ["budget": "25000"],
            "changes": ["status": ["from": "NEW", "to": "CONTACTED"], "priority": ["from": "MEDIUM", "to": "HIGH"]],
        ])

    /// The example lead's `contactProperties`, at the top level and in `leadDetails`.
    private static let exampleLead: JSONValue = [
        "id": "lead_789", "name": "John Doe", "email": "john@example.com", "phone": "+1234567890",
    ]
}
