-- An open relay is now the client's conversation state ('relay' in chat_states), like every
-- other dialog that waits for their typing; the conversation it interrupted is kept in its data.
INSERT INTO chat_states (user_id, state, data, updated_at)
SELECT user_id, 'relay',
       json_object('root', root_message_id, 'opened_at', opened_at, 'then', NULL), opened_at
FROM relay_open WHERE true
ON CONFLICT (user_id) DO UPDATE SET
    state = 'relay',
    data = json_set(excluded.data, '$.then',
                    json_object('state', chat_states.state, 'data', json(chat_states.data))),
    updated_at = excluded.updated_at;
DROP TABLE relay_open;
