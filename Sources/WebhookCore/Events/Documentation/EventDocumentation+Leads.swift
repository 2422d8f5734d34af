extension EventDocumentation {
    /// `lead.created`: the flat lead (seed 004's `LEAD_CREATED` data without its `chatbotId`, which every format
    /// takes from the chatbot the event was published to), from which seed 001's `leadDetails` is derived.
    static let leadCreated = EventDocumentation(
        "lead.created",
        description: """
            A lead was captured: the lead's fields at the top level, as seed 004 (LEAD_CREATED) sends them. Seed \
            001 (NEW_LEAD_CAPTURE) receives them as leadDetails (contact fields, capturedAt from createdAt and the \
            customFields as members), with chatbotName and a dashboardUrl.
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
            "chatbotName": ["type": ["string", "null"], "description": "The chatbot's display name (seed 001)."],
            "dashboardUrl": [
                "type": ["string", "null"],
                "description": "The lead in the dashboard, a URL; when absent, formats that carry one build it.",
            ],
            "createdAt": dateTime,
            "updatedAt": dateTime,
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
            "chatbotName": "Support Bot",
            "createdAt": "2023-11-04T15:30:56.789Z",
            "updatedAt": "2023-11-04T15:30:56.789Z",
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
            "changes": ["status": ["from": "NEW", "to": "CONTACTED"], "priority": ["from": "MEDIUM", "to": "HIGH"]],
        ])

    /// The example lead's `contactProperties`.
    private static let exampleLead: JSONValue = [
        "id": "lead_789", "name": "John Doe", "email": "john@example.com", "phone": "+1234567890",
    ]
}
