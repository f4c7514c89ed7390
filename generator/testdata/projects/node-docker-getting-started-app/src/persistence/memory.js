const items = new Map();

module.exports = {
    init: async () => {},
    teardown: async () => {},
    getItems: async () => [...items.values()],
    storeItem: async (item) => {
        items.set(item.id, item);
    },
};
