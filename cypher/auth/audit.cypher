CREATE (:AuditEvent {at: datetime(), principal_id: $principal_id, role: $role,
                     employee_id: $employee_id, action: $action, subject: $subject})
