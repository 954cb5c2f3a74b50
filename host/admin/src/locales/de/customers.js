// German texts of the customers pages.
export default {
};
