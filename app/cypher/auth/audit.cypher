UNWIND $events AS event
CREATE (:AuditEvent {at: event.at, principal_id: event.principal_id, role: event.role,
                     employee_id: event.employee_id, action: event.action, subject: event.subject})
