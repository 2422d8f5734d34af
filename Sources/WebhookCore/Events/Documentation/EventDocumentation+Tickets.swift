extension EventDocumentation {
    /// `ticket.created` (seed 003 `ticket.created`).
    static let ticketCreated = EventDocumentation(
        "ticket.created",
        description: "A ticket was filed, by the AI or by hand (seed 003 ticket.created).",
        required: ["ticket_id"],
        properties: [
            "ticket_id": string,
            "conversation_id": [
                "type": ["string", "null"],
                "description": "The conversation it was filed from; null for a ticket filed by hand outside one.",
            ],
            "subject": string,
            "description": nullableString,
            "status": ["type": "string", "description": "e.g. open, pending, resolved, closed."],
            "priority": ["type": "string", "description": "e.g. low, medium, high, urgent."],
            "assignee": openObject(
                nullable: true,
                description: "The agent it is assigned to; null when unassigned.",
                required: ["id"],
                properties: ["id": string, "name": nullableString, "email": nullableEmail]),
            "source": ["enum": ["ai", "manual"], "description": "Filed by the AI or by hand (seed 003)."],
            "visitor_name": nullableString,
            "visitor_email": nullableEmail,
            "created_at": dateTime,
            "updated_at": dateTime,
        ],
        example: [
            "ticket_id": "tkt_123",
            "conversation_id": "conv_xyz",
            "subject": "Refund for order #1042",
            "description": "The visitor was charged twice for order #1042 and asks for a refund.",
            "status": "open",
            "priority": "medium",
            "assignee": .null,
            "source": "ai",
            "visitor_name": "John Doe",
            "visitor_email": "john@example.com",
            "created_at": "2026-05-17T12:35:10.000Z",
            "updated_at": "2026-05-17T12:35:10.000Z",
        ])

    /// `ticket.updated` (seed 003 `ticket.updated`): `ticket.created`'s ticket as after the change, and `changes`.
    static let ticketUpdated = ticketCreated.updated(
        as: "ticket.updated",
        description: """
            A ticket's status, priority or assignee changed (seed 003 ticket.updated): the ticket as after the \
            change, in ticket.created's shape, and changes: for each changed field, its previous and new value.
            """,
        example: [
            "status": "pending",
            "priority": "high",
            "assignee": maria,
            "updated_at": "2026-05-17T13:02:44.000Z",
            "changes": [
                "status": ["from": "open", "to": "pending"],
                "priority": ["from": "medium", "to": "high"],
                "assignee": ["from": .null, "to": maria],
            ],
        ])

    /// The agent `ticket.updated`'s example assigns.
    private static let maria: JSONValue = ["id": "agent_42", "name": "Maria Lopez", "email": "maria@example.com"]
}
