extension EventDocumentation {
    /// `webhook.disabled`: published by the service when it disables a webhook.
    static let webhookDisabled = EventDocumentation(
        "webhook.disabled",
        description: """
            The service disabled one of the chatbot's webhooks: it failed without a success for too long, or its \
            receiver answered 410 Gone. Nothing is sent to it until it is enabled again (PATCH isActive: true). \
            Sent to the same chatbot's other webhooks that subscribe to it.
            """,
        required: ["webhookId", "reason"],
        properties: [
            "webhookId": ["type": "string", "description": "The webhook disabled."],
            "name": string,
            "url": ["type": "string", "description": "Its target URL."],
            "reason": ["type": "string", "description": "Why, as its disabledReason says."],
            "disabledAt": dateTime,
        ],
        example: [
            "webhookId": "5b0c7a3e-2f4d-4c1e-9a7b-1d2e3f4a5b6c",
            "name": "CRM sync",
            "url": "https://crm.example.com/hooks/chatbot",
            "reason": "Disabled because the receiver answered 410 Gone at 2025-01-15T10:29:58.412Z",
            "disabledAt": "2025-01-15T10:30:00.000Z",
        ])

    /// `delivery.exhausted`: published by the service when a delivery failed its last attempt.
    static let deliveryExhausted = EventDocumentation(
        "delivery.exhausted",
        description: """
            A delivery to one of the chatbot's webhooks failed its last attempt and will not be retried (it can \
            still be redelivered by hand). Sent to the same chatbot's webhooks that subscribe to it, the failing \
            one included; a failing delivery of an operational event raises none.
            """,
        required: ["deliveryId", "webhookId"],
        properties: [
            "deliveryId": ["type": "string", "description": "The delivery that failed."],
            "webhookId": ["type": "string", "description": "The webhook it went to."],
            "webhookName": string,
            "eventId": ["type": "string", "description": "The event it carried."],
            "eventType": ["type": "string", "description": "That event's canonical type."],
            "attempts": ["type": "integer", "minimum": 1, "description": "Attempts made, over the delivery's life."],
            "lastStatusCode": [
                "type": ["integer", "null"], "description": "The last attempt's HTTP status; null when none came.",
            ],
            "lastError": [
                "type": ["string", "null"], "description": "The last attempt's error, e.g. HTTP 500 or a timeout.",
            ],
        ],
        example: [
            "deliveryId": "0b8f2c1e-6a4d-4f3b-9e2a-7c5d1f0a3b4e",
            "webhookId": "5b0c7a3e-2f4d-4c1e-9a7b-1d2e3f4a5b6c",
            "webhookName": "CRM sync",
            "eventId": "7d1e9b2a-4c3f-4a8e-b5d6-2f0e1c9a8b7d",
            "eventType": "lead.created",
            "attempts": 4,
            "lastStatusCode": 500,
            "lastError": "HTTP 500",
        ])
}
