// German texts of the program pages.
export default {
};
