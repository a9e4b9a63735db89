-- An open relay is now the client's conversation state ('relay' in chat_states), like every
-- other dialog that waits for their typing; the conversation it interrupted is kept in its data.
-- PostgreSQL form of the shared file's JSON: jsonb builds the same object ({"root": ...,
-- "opened_at": ..., "then": null}, or "then" holding the interrupted state and its parsed data)
-- and is stored back as text. Key order and spacing differ from SQLite's; the value does not.
INSERT INTO chat_states (user_id, state, data, updated_at)
SELECT user_id, 'relay',
       jsonb_build_object('root', root_message_id, 'opened_at', opened_at, 'then', NULL)::text,
       opened_at
FROM relay_open
ON CONFLICT (user_id) DO UPDATE SET
    state = 'relay',
    data = jsonb_set(excluded.data::jsonb, '{then}',
                     jsonb_build_object('state', chat_states.state,
                                        'data', chat_states.data::jsonb))::text,
    updated_at = excluded.updated_at;
DROP TABLE relay_open;
