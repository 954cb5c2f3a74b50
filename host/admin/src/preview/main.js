// The live preview's page (preview.html), inside an iframe of the program editor.
