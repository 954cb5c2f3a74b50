// English texts of the reports pages.
export default {
};
