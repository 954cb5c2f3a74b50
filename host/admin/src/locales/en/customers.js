// English texts of the customers pages.
export default {
};
